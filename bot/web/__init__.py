"""`faqbot web`: the front desk's search page, on the same engine as the bot."""
