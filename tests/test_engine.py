"""The engine the front ends share: the semantic net on by default, off loudly."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot import engine
from faq import embedding, knowledge
from faq.embedding import ModelFiles


def test_the_net_is_on_by_default(encoder: embedding.Encoder) -> None:
    matcher = engine.matcher_for(knowledge.load(), encoder, None)
    assert matcher.triage.net is not None


def test_keeping_recent_texts_changes_no_reply_as_a_message_is_typed(
    kb: knowledge.KnowledgeBase, encoder: embedding.Encoder
) -> None:
    # The front desk's page searches at every keystroke, keeping the sentences it read.
    typing = engine.matcher_for(kb, encoder, None, recent_texts=64)
    matcher = engine.matcher_for(kb, encoder, None)
    message = "I will soon be gone. How much does an infusion cost?"
    for end in range(1, len(message) + 1):
        typed = message[:end]
        assert typing.reply(typed) == matcher.reply(typed), typed


def test_a_tampered_model_turns_the_net_off_with_one_loud_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    real = embedding.locate()
    weights = tmp_path / "model.safetensors"
    data = bytearray(real.weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    shutil.copy(real.tokenizer, tmp_path / "tokenizer.json")
    tampered = ModelFiles(weights, tmp_path / "tokenizer.json")
    monkeypatch.setattr(embedding, "locate", lambda: tampered)
    with caplog.at_level(logging.WARNING, logger="bot.engine"):
        assert engine.load_encoder(True) is None
    [record] = caplog.records
    assert record.levelno == logging.ERROR and "SEMANTIC SAFETY NET OFF" in record.message
    assert engine.matcher_for(knowledge.load(), None, None).triage.net is None


def test_turned_off_it_warns_that_crisis_detection_is_weaker(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.engine"):
        assert engine.load_encoder(False) is None
    [record] = caplog.records
    assert record.levelno == logging.WARNING and "weaker" in record.message
