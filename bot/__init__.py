"""Delivery: the Telegram bot, the terminal chat, the front desk's page, the CLI."""

import os

# The model's and the matcher's matrix products are small (one message against a few
# thousand phrasings): BLAS threads only add hand-offs, and under load on the two cores
# the bot shares with its other chats they made a 0.1 ms product take milliseconds. Set
# before numpy is first imported; an operator's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
