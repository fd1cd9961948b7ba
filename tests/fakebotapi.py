"""A fake Telegram Bot API server for end-to-end tests of python-telegram-bot bots.

Point PTB at it with ``Bot(token, base_url=fake.base_url)`` (or
``Application.builder().token(token).base_url(fake.base_url)``); PTB appends the token
and ``/<method>`` itself.  The server validates requests the way Telegram does and answers
with Telegram's wording where it is known (most HTML parse errors follow tdlib's parser).

Deliberate differences from the real Bot API:

* a bare ``&`` that does not start an entity is rejected (``strict_ampersand=True``);
  real Telegram keeps it literally.  Pass ``strict_ampersand=False`` to match Telegram.
* inline buttons must set exactly one optional field; Telegram only rejects zero.
* webhooks may use ``http://`` URLs, so local webhook servers can be tested.
* MarkdownV2/Markdown texts are stored as sent, without parsing or validation.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import json
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, ClassVar

import aiohttp
from aiohttp import web

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]


class FakeBotAPI:
    """In-process fake of the Telegram Bot API on 127.0.0.1, for end-to-end tests.

    Test-side helpers (``send_text``, ``press_button``...) must be called from the event
    loop thread that runs the server; they queue real Telegram-shaped updates.
    """

    class ApiError(Exception):
        """An error answer of the fake API (HTTP status = Telegram error_code)."""

        def __init__(self, code: int, description: str, parameters: JSONDict | None = None):
            super().__init__(description)
            self.code = code
            self.description = description
            self.parameters = parameters

    MAX_TEXT_LENGTH: ClassVar[int] = 4096
    MAX_INLINE_RESULTS: ClassVar[int] = 50
    MAX_COMMANDS: ClassVar[int] = 100
    HTML_TAGS: ClassVar[frozenset[str]] = frozenset(
        {
            "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre",
            "span", "tg-spoiler", "blockquote", "tg-emoji",
        }
    )  # fmt: skip
    BUTTON_KINDS: ClassVar[tuple[str, ...]] = (
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    )
    JSON_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "reply_markup", "results", "commands", "entities", "caption_entities",
            "allowed_updates", "scope", "link_preview_options", "reply_parameters", "button",
            "media", "options", "explanation_entities", "question_entities", "reaction",
            "menu_button", "rights", "permissions", "input_message_content",
        }
    )  # fmt: skip
    CHAT_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {
            "typing", "upload_photo", "record_video", "upload_video", "record_voice",
            "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note",
        }
    )  # fmt: skip
    INLINE_RESULT_TYPES: ClassVar[frozenset[str]] = frozenset(
        {
            "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document",
            "location", "venue", "contact", "game", "sticker",
        }
    )  # fmt: skip
    FAULT_KINDS: ClassVar[frozenset[str]] = frozenset({"429", "500", "stall"})
    QUERY_INVALID: ClassVar[str] = (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    NOT_MODIFIED: ClassVar[str] = (
        "Bad Request: message is not modified: specified new message content and reply markup"
        " are exactly the same as a current content and reply markup of the message"
    )

    def __init__(
        self,
        token: str,
        *,
        bot_username: str = "clinic_faq_bot",
        bot_id: int | None = None,
        seed: int = 0,
        bot_first_name: str = "Clinic FAQ",
        strict_ampersand: bool = True,
    ) -> None:
        """Create the server (not started); ``bot_id`` defaults to the token's numeric prefix."""
        self.token = token
        self.bot_username = bot_username
        prefix = token.split(":", 1)[0]
        self.bot_id = bot_id if bot_id is not None else (int(prefix) if prefix.isdigit() else 1)
        self.bot_first_name = bot_first_name
        self.strict_ampersand = strict_ampersand
        self._rng = random.Random(seed)

        # Recording (public, read by tests).
        self.calls: list[tuple[str, JSONDict]] = []
        self.errors: list[tuple[str, JSONDict, int, str]] = []
        self.inline_answers: list[JSONDict] = []
        self.callback_answers: list[JSONDict] = []
        self.fault_counts: dict[str, int] = {"429": 0, "500": 0, "stall": 0}
        self.faulted_calls: list[tuple[str, str, JSONDict]] = []

        # Server state.
        self._updates: list[JSONDict] = []
        self._next_update_id = 1000
        self._update_event = asyncio.Event()
        self._poll_generation = 0
        self._closed = False
        self._chats: dict[int, JSONDict] = {}
        self._users: dict[int, JSONDict] = {}
        self._blocked: set[int] = set()
        self._messages: dict[int, dict[int, JSONDict]] = {}
        self._next_message_id: dict[int, int] = {}
        self._callback_queries: dict[str, JSONDict] = {}
        self._inline_queries: dict[str, JSONDict] = {}
        self._next_query_id = 1
        self._next_file_id = 1
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._webhook: JSONDict = {}

        # Faults.
        self._fault_rate = 0.0
        self._fault_kinds: tuple[str, ...] = ()
        self._fault_methods: frozenset[str] = frozenset()
        self._retry_after = 1
        self._stall_seconds = 6.0

        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._methods: dict[str, tuple[str, Callable[[JSONDict], Awaitable[Any]]]] = {
            name.lower(): (name, handler)
            for name, handler in (
                ("getMe", self._get_me),
                ("deleteWebhook", self._delete_webhook),
                ("setWebhook", self._set_webhook),
                ("getWebhookInfo", self._get_webhook_info),
                ("getUpdates", self._get_updates),
                ("sendMessage", self._send_message),
                ("editMessageText", self._edit_message_text),
                ("editMessageReplyMarkup", self._edit_message_reply_markup),
                ("answerCallbackQuery", self._answer_callback_query),
                ("answerInlineQuery", self._answer_inline_query),
                ("setMyCommands", self._set_my_commands),
                ("getMyCommands", self._get_my_commands),
                ("deleteMyCommands", self._delete_my_commands),
                ("sendChatAction", self._send_chat_action),
                ("close", self._close),
                ("logOut", self._log_out),
            )
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._closed = False
        self._update_event = asyncio.Event()  # bind to the running loop
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._port = runner.addresses[0][1]
        self._runner = runner

    async def stop(self) -> None:
        """Wake pending long polls and stalls, then shut the server down."""
        self._closed = True
        self._notify()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> FakeBotAPI:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """PTB ``base_url``: ``http://127.0.0.1:PORT/bot`` (PTB appends token and method)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ------------------------------------------------------------------ HTTP layer

    def _error_response(self, code: int, description: str, parameters: JSONDict | None = None):
        body: JSONDict = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = re.fullmatch(r"/bot([^/]*)/([^/]*)", request.path)
        if match is None:
            return self._error_response(404, "Not Found")
        token, method = match.groups()
        if token != self.token:
            if re.fullmatch(r"\d+:[\w-]+", token):
                return self._error_response(401, "Unauthorized")
            return self._error_response(404, "Not Found")
        entry = self._methods.get(method.lower())
        if entry is None:
            return self._error_response(404, "Not Found")
        name, handler = entry
        try:
            params = await self._read_params(request)
        except self.ApiError as exc:
            self.errors.append((name, {}, exc.code, exc.description))
            return self._error_response(exc.code, exc.description)

        fault = self._draw_fault(name)
        if fault is not None:
            return await self._inject_fault(request, name, fault, params)

        try:
            result = await handler(params)
        except self.ApiError as exc:
            self.errors.append((name, params, exc.code, exc.description))
            return self._error_response(exc.code, exc.description, exc.parameters)
        except Exception as exc:  # a bug in the fake: make it visible, answer like Telegram
            _LOGGER.exception("FakeBotAPI crashed in %s", name)
            self.errors.append((name, params, 500, f"Internal Server Error: {exc!r}"))
            return self._error_response(500, "Internal Server Error")
        self.calls.append((name, params))
        body: JSONDict = {"ok": True, "result": result}
        if name == "setWebhook":
            body["description"] = "Webhook was set"
        elif name == "deleteWebhook":
            body["description"] = "Webhook was deleted"
        return web.json_response(body, dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def _read_params(self, request: web.Request) -> JSONDict:
        params: JSONDict = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError as exc:
                    raise self.ApiError(400, "Bad Request: can't parse JSON object") from exc
                if not isinstance(body, dict):
                    raise self.ApiError(400, "Bad Request: can't parse JSON object")
                params.update(body)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        data = value.file.read()
                        params[key] = {
                            "filename": value.filename,
                            "content_type": value.content_type,
                            "size": len(data),
                        }
                    else:
                        params[key] = value
        for key in self.JSON_FIELDS & params.keys():
            value = params[key]
            if isinstance(value, str):
                try:
                    params[key] = json.loads(value)
                except ValueError as exc:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise self.ApiError(
                        400, f"Bad Request: can't parse {what} JSON object"
                    ) from exc
        return params

    # ------------------------------------------------------------------ faults

    def set_faults(
        self,
        rate: float,
        kinds: Sequence[str] = ("429", "500", "stall"),
        methods: Iterable[str] = (
            "sendMessage",
            "editMessageText",
            "answerCallbackQuery",
            "answerInlineQuery",
        ),
        retry_after: int = 1,
        stall_seconds: float = 6.0,
    ) -> None:
        """Fail a ``rate`` fraction of calls to ``methods`` with one of ``kinds`` (seeded RNG).

        ``stall_seconds`` should exceed the client's read timeout (PTB's default is 5 s).
        ``set_faults(0)`` turns faults off.
        """
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be within [0, 1]")
        unknown = set(kinds) - self.FAULT_KINDS
        if unknown or (rate and not kinds):
            raise ValueError(f"kinds must be a non-empty subset of {sorted(self.FAULT_KINDS)}")
        self._fault_rate = rate
        self._fault_kinds = tuple(kinds)
        self._fault_methods = frozenset(m.lower() for m in methods)
        self._retry_after = retry_after
        self._stall_seconds = stall_seconds

    def _draw_fault(self, method: str) -> str | None:
        if not self._fault_rate or method.lower() not in self._fault_methods:
            return None
        if self._rng.random() >= self._fault_rate:
            return None
        return self._rng.choice(self._fault_kinds)

    async def _inject_fault(
        self, request: web.Request, method: str, kind: str, params: JSONDict
    ) -> web.StreamResponse:
        self.fault_counts[kind] += 1
        self.faulted_calls.append((method, kind, params))
        if kind == "429":
            n = self._retry_after
            return self._error_response(
                429, f"Too Many Requests: retry after {n}", {"retry_after": n}
            )
        if kind == "stall":
            drop = self._rng.random() < 0.5
            deadline = asyncio.get_running_loop().time() + self._stall_seconds
            while not self._closed and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.05)
            if drop and request.transport is not None:
                request.transport.abort()  # the client sees the connection drop, no answer
        return self._error_response(500, "Internal Server Error")

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _u16(text: str) -> int:
        """Length of ``text`` in UTF-16 code units (Telegram's entity unit)."""
        return len(text.encode("utf-16-le")) // 2

    def _notify(self) -> None:
        event, self._update_event = self._update_event, asyncio.Event()
        event.set()

    @property
    def bot_user(self) -> JSONDict:
        """The bot as a Telegram User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _param(self, params: JSONDict, name: str) -> Any:
        value = params.get(name)
        if value is None or value == "":
            raise self.ApiError(400, f"Bad Request: {name} is empty")
        return value

    def _int(self, params: JSONDict, name: str, default: int | None = None) -> int:
        value = params.get(name)
        if value is None or value == "":
            if default is not None:
                return default
            raise self.ApiError(400, f"Bad Request: {name} is empty")
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise self.ApiError(400, f"Bad Request: invalid {name} specified") from exc

    @staticmethod
    def _bool(value: Any) -> bool:
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def _chat_for(self, params: JSONDict) -> JSONDict:
        raw = self._param(params, "chat_id")
        chat: JSONDict | None = None
        if isinstance(raw, str) and raw.startswith("@"):
            for known in self._chats.values():
                if known.get("username", "").lower() == raw[1:].lower():
                    chat = known
        else:
            try:
                chat = self._chats.get(int(raw))
            except (TypeError, ValueError):
                chat = None
        if chat is None:
            raise self.ApiError(400, "Bad Request: chat not found")
        if chat["type"] == "private" and chat["id"] in self._blocked:
            raise self.ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _store(self, message: JSONDict) -> JSONDict:
        self._messages.setdefault(message["chat"]["id"], {})[message["message_id"]] = message
        return message

    # ------------------------------------------------------------------ HTML / text

    @staticmethod
    def _decode_entity(text: str, pos: int) -> tuple[str | None, int]:
        """Decode an HTML entity at ``text[pos] == '&'`` like tdlib; (None, pos) if invalid."""
        n = len(text)
        end = pos + 1
        if end < n and text[end] == "#":
            end += 1
            digits = "0123456789"
            base = 10
            if end < n and text[end] == "x":
                end += 1
                digits += "abcdefABCDEF"
                base = 16
            start = end
            while end < n and text[end] in digits:
                end += 1
            if end == start or end - pos >= 10:
                return None, pos
            code = int(text[start:end], base)
            if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                return None, pos
            char = chr(code)
        else:
            while end < n and text[end].isascii() and text[end].isalpha():
                end += 1
            named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(text[pos + 1 : end])
            if named is None:
                return None, pos
            char = named
        if end < n and text[end] == ";":
            end += 1
        return char, end

    def _parse_html(self, text: str) -> tuple[str, list[JSONDict]]:
        """Parse Telegram HTML into (plain text, entities), raising Telegram's errors."""

        def fail(message: str) -> FakeBotAPI.ApiError:
            return self.ApiError(400, f"Bad Request: can't parse entities: {message}")

        def at(index: int) -> int:
            return len(text[:index].encode("utf-8"))

        n = len(text)
        out: list[str] = []
        u16 = 0
        entities: list[JSONDict] = []
        stack: list[tuple[str, str, int, int]] = []  # tag, argument, utf16 offset, len(out)
        i = 0
        while i < n:
            char = text[i]
            if char == "&":
                decoded, end = self._decode_entity(text, i)
                if decoded is not None:
                    out.append(decoded)
                    u16 += self._u16(decoded)
                    i = end
                    continue
                if self.strict_ampersand:
                    raise fail(
                        f'character "&" at byte offset {at(i)} does not start an HTML entity;'
                        ' escape it as "&amp;"'
                    )
            if char != "<":
                out.append(char)
                u16 += 2 if ord(char) > 0xFFFF else 1
                i += 1
                continue
            begin = i
            i += 1
            if i < n and text[i] == "/":
                if not stack:
                    raise fail(f"Unexpected end tag at byte offset {at(begin)}")
                j = i + 1
                while j < n and not text[j].isspace() and text[j] != ">":
                    j += 1
                end_name = text[i + 1 : j].lower()
                while j < n and text[j].isspace():
                    j += 1
                if j >= n or text[j] != ">":
                    raise fail(f"Unclosed end tag at byte offset {at(begin)}")
                tag, argument, start_u16, start_out = stack.pop()
                if end_name and end_name != tag:
                    raise fail(
                        f'Unmatched end tag at byte offset {at(begin)}, expected "</{tag}>",'
                        f' found "</{end_name}>"'
                    )
                i = j + 1
                if u16 > start_u16:
                    inner = "".join(out[start_out:])
                    entity = self._html_entity(tag, argument, start_u16, u16 - start_u16, inner)
                    if entity is False:
                        raise fail("Invalid custom emoji identifier specified")
                    if entity is not None:
                        last = entities[-1] if entities else None
                        if (
                            tag == "pre"
                            and last is not None
                            and last["type"] == "code"
                            and (last["offset"], last["length"]) == (start_u16, u16 - start_u16)
                        ):
                            language = last.pop("_language", "")
                            last["type"] = "pre"
                            if language:
                                last["language"] = language
                        else:
                            entities.append(entity)
                continue
            j = i
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            if j >= n:
                raise fail(f"Unclosed start tag at byte offset {at(begin)}")
            tag = text[i:j].lower()
            if tag not in self.HTML_TAGS:
                raise fail(f'Unsupported start tag "{tag}" at byte offset {at(begin)}')
            argument = ""
            while True:
                while j < n and text[j].isspace():
                    j += 1
                if j >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {at(begin)}')
                if text[j] == ">":
                    break
                name_start = j
                while j < n and not text[j].isspace() and text[j] not in "=>/\"'":
                    j += 1
                attribute = text[name_start:j].lower()
                if not attribute:
                    raise fail(
                        f'Empty attribute name in the tag "{tag}" at byte offset {at(begin)}'
                    )
                while j < n and text[j].isspace():
                    j += 1
                if j >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {at(begin)}')
                if text[j] != "=":
                    if tag == "blockquote" and attribute == "expandable":
                        argument = "expandable"
                    continue
                j += 1
                while j < n and text[j].isspace():
                    j += 1
                if j >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {at(begin)}')
                if text[j] not in "\"'":
                    token_start = j
                    while j < n and ((text[j].isascii() and text[j].isalnum()) or text[j] in ".-"):
                        j += 1
                    value = text[token_start:j].lower()
                    if j >= n:
                        raise fail(f"Unclosed start tag at byte offset {at(begin)}")
                    if not text[j].isspace() and text[j] != ">":
                        raise fail(f"Unexpected end of name token at byte offset {at(token_start)}")
                else:
                    quote = text[j]
                    j += 1
                    chars: list[str] = []
                    while j < n and text[j] != quote:
                        if text[j] == "&":
                            decoded, end = self._decode_entity(text, j)
                            if decoded is not None:
                                chars.append(decoded)
                                j = end
                                continue
                        chars.append(text[j])
                        j += 1
                    if j >= n:
                        raise fail(f"Unclosed start tag at byte offset {at(begin)}")
                    j += 1
                    value = "".join(chars)
                if tag == "a" and attribute == "href":
                    argument = value
                elif tag == "code" and attribute == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attribute == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and attribute == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attribute == "expandable":
                    argument = "expandable"
            if tag == "span" and argument != "spoiler":
                raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {at(begin)}')
            stack.append((tag, argument, u16, len(out)))
            i = j + 1
        if stack:
            raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
        for entity in entities:
            entity.pop("_language", None)
        entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(out), entities

    @staticmethod
    def _html_entity(
        tag: str, argument: str, offset: int, length: int, inner: str
    ) -> JSONDict | bool | None:
        """The MessageEntity for a closed tag (None: no entity, False: bad emoji id)."""
        simple = {
            "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
            "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
            "del": "strikethrough", "tg-spoiler": "spoiler", "span": "spoiler", "pre": "pre",
        }  # fmt: skip
        entity: JSONDict = {"offset": offset, "length": length}
        if tag in simple:
            entity["type"] = simple[tag]
        elif tag == "code":
            entity["type"] = "code"
            if argument:
                entity["_language"] = argument
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if argument else "blockquote"
        elif tag == "tg-emoji":
            if not argument.isdigit():
                return False
            entity.update(type="custom_emoji", custom_emoji_id=argument)
        else:  # "a"
            url = argument or inner
            user = re.fullmatch(r"tg://user\?id=(\d+)", url)
            if user:
                entity.update(
                    type="text_mention",
                    user={"id": int(user.group(1)), "is_bot": False, "first_name": inner},
                )
            elif url.strip():
                entity.update(type="text_link", url=url)
            else:
                return None
        return entity

    def _format_text(
        self, text: Any, parse_mode: Any, entities: Any, *, empty_error: str
    ) -> tuple[str, list[JSONDict]]:
        """Validate a message text like Telegram; return the stored text and entities."""
        if text is None or text == "":
            raise self.ApiError(400, empty_error)
        text = str(text)
        mode = str(parse_mode or "").lower()
        if mode == "html":
            plain, found = self._parse_html(text)
        elif mode in ("", "markdown", "markdownv2"):
            plain = text
            found = [dict(e) for e in entities] if isinstance(entities, list) and not mode else []
        else:
            raise self.ApiError(400, "Bad Request: unsupported parse_mode")
        stripped = plain.lstrip()
        shift = self._u16(plain) - self._u16(stripped)
        plain = stripped.rstrip()
        total = self._u16(plain)
        result: list[JSONDict] = []
        for entity in found:
            start = max(0, entity["offset"] - shift)
            end = min(total, entity["offset"] + entity["length"] - shift)
            if end > start:
                result.append({**entity, "offset": start, "length": end - start})
        if not plain:
            raise self.ApiError(400, empty_error)
        if len(plain) > self.MAX_TEXT_LENGTH:
            raise self.ApiError(400, "Bad Request: message is too long")
        return plain, result

    def _check_markup(self, markup: Any) -> JSONDict | None:
        """Validate reply_markup; return it if it is an inline keyboard (echoed in Message)."""
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise self.ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            if not any(k in markup for k in ("keyboard", "remove_keyboard", "force_reply")):
                raise self.ApiError(
                    400, "Bad Request: can't parse reply keyboard markup JSON object"
                )
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise self.ApiError(
                400,
                "Bad Request: can't parse inline keyboard: "
                'Field "inline_keyboard" must be of type Array',
            )
        for row in rows:
            for button in row:
                self._check_button(button)
        return markup

    def _check_button(self, button: Any) -> None:
        prefix = "Bad Request: can't parse inline keyboard button: "
        if not isinstance(button, dict):
            raise self.ApiError(400, prefix + "InlineKeyboardButton must be an Object")
        if "text" not in button:
            raise self.ApiError(400, prefix + 'Can\'t find field "text"')
        kinds = [k for k in self.BUTTON_KINDS if k in button and button[k] is not None]
        if not kinds:
            raise self.ApiError(400, prefix + "Text buttons are unallowed in the inline keyboard")
        if len(kinds) > 1:
            raise self.ApiError(
                400, prefix + f"exactly one optional field must be used, got {', '.join(kinds)}"
            )
        if "callback_data" in kinds:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                raise self.ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        if "url" in kinds and (not isinstance(button["url"], str) or not button["url"].strip()):
            raise self.ApiError(400, "Bad Request: BUTTON_URL_INVALID")

    # ------------------------------------------------------------------ API methods

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _delete_webhook(self, params: JSONDict) -> bool:
        self._webhook = {}
        if self._bool(params.get("drop_pending_updates", False)):
            self._updates.clear()
        return True

    async def _set_webhook(self, params: JSONDict) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return await self._delete_webhook(params)
        if not re.match(r"https?://[^/\s]+", url):
            raise self.ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise self.ApiError(400, "Bad Request: secret token contains unallowed characters")
        if self._bool(params.get("drop_pending_updates", False)):
            self._updates.clear()
        self._webhook = {
            "url": url,
            "secret_token": None if secret is None else str(secret),
            "allowed_updates": params.get("allowed_updates"),
            "max_connections": self._int(params, "max_connections", 40),
        }
        self._notify()  # long polls now conflict with the webhook
        return True

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook:
            info["max_connections"] = self._webhook["max_connections"]
            info["ip_address"] = "127.0.0.1"
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self._webhook:
            raise self.ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
        offset = self._int(params, "offset", 0)
        limit = min(max(self._int(params, "limit", 100), 1), 100)
        try:
            timeout = max(0.0, float(params.get("timeout") or 0))
        except (TypeError, ValueError) as exc:
            raise self.ApiError(400, "Bad Request: invalid timeout specified") from exc
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # a newer getUpdates terminates an older one, like Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._updates:
                return copy.deepcopy(self._updates[:limit])
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closed:
                return []
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
            if self._poll_generation != generation:
                raise self.ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request;"
                    " make sure that only one bot instance is running",
                )
            if self._webhook:
                return []

    def _reply_target(self, params: JSONDict, chat_id: int) -> JSONDict | None:
        reply = params.get("reply_parameters")
        mid: Any = None
        allow_missing = self._bool(params.get("allow_sending_without_reply", False))
        if isinstance(reply, dict):
            mid = reply.get("message_id")
            allow_missing = allow_missing or self._bool(
                reply.get("allow_sending_without_reply", False)
            )
        elif params.get("reply_to_message_id") not in (None, ""):
            mid = params["reply_to_message_id"]
        if mid is None:
            return None
        try:
            target = self._messages.get(chat_id, {}).get(int(mid))
        except (TypeError, ValueError):
            target = None
        if target is None and not allow_missing:
            raise self.ApiError(400, "Bad Request: message to be replied not found")
        return target

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat = self._chat_for(params)
        text, entities = self._format_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            empty_error="Bad Request: message text is empty",
        )
        markup = self._check_markup(params.get("reply_markup"))
        target = self._reply_target(params, chat["id"])
        message: JSONDict = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if target is not None:
            message["reply_to_message"] = self._without_reply(target)
        if markup is not None:
            message["reply_markup"] = markup
        return copy.deepcopy(self._store(message))

    def _bot_message(self, params: JSONDict) -> JSONDict | None:
        """The bot message addressed by chat_id/message_id (None for inline_message_id)."""
        if params.get("inline_message_id") not in (None, ""):
            return None
        chat = self._chat_for(params)
        message_id = self._int(params, "message_id")
        message = self._messages.get(chat["id"], {}).get(message_id)
        if message is None:
            raise self.ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise self.ApiError(400, "Bad Request: message can't be edited")
        return message

    async def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text, entities = self._format_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            empty_error="Bad Request: message text is empty",
        )
        markup = self._check_markup(params.get("reply_markup"))
        message = self._bot_message(params)
        if message is None:
            return True
        if "text" not in message:
            raise self.ApiError(400, "Bad Request: there is no text in the message to edit")
        if (
            message["text"] == text
            and message.get("entities", []) == entities
            and message.get("reply_markup") == markup
        ):
            raise self.ApiError(400, self.NOT_MODIFIED)
        message["text"] = text
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        markup = self._check_markup(params.get("reply_markup"))
        message = self._bot_message(params)
        if message is None:
            return True
        if message.get("reply_markup") == markup:
            raise self.ApiError(400, self.NOT_MODIFIED)
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callback_queries.get(query_id)
        if query is None or query["answered"]:
            raise self.ApiError(400, self.QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise self.ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query["answered"] = True
        self.callback_answers.append({**params, "data": query["data"]})
        return True

    async def _answer_inline_query(self, params: JSONDict) -> bool:
        results = params.get("results")
        if results is None or results == "":
            results = []
        if not isinstance(results, list):
            raise self.ApiError(400, "Bad Request: can't parse results JSON object")
        if len(results) > self.MAX_INLINE_RESULTS:
            raise self.ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict):
                raise self.ApiError(400, "Bad Request: can't parse InlineQueryResult")
            result_id = result.get("id")
            if not isinstance(result_id, str | int) or not 1 <= len(str(result_id).encode()) <= 64:
                raise self.ApiError(400, "Bad Request: RESULT_ID_INVALID")
            if str(result_id) in seen:
                raise self.ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
            seen.add(str(result_id))
            if result.get("type") not in self.INLINE_RESULT_TYPES:
                raise self.ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
            content = result.get("input_message_content")
            if result["type"] == "article" and not isinstance(content, dict):
                raise self.ApiError(
                    400,
                    "Bad Request: can't parse InlineQueryResultArticle:"
                    ' Can\'t find field "input_message_content"',
                )
            if isinstance(content, dict) and "message_text" in content:
                self._format_text(
                    content.get("message_text"),
                    content.get("parse_mode"),
                    content.get("entities"),
                    empty_error="Bad Request: message text is empty",
                )
            self._check_markup(result.get("reply_markup"))
        next_offset = params.get("next_offset")
        if next_offset is not None and len(str(next_offset).encode()) > 64:
            raise self.ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        query_id = str(params.get("inline_query_id") or "")
        query = self._inline_queries.get(query_id)
        if query is None or query["answered"]:
            raise self.ApiError(400, self.QUERY_INVALID)
        query["answered"] = True
        self.inline_answers.append({**params, "results": results, "query": query["query"]})
        return True

    @staticmethod
    def _commands_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise self.ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > self.MAX_COMMANDS:
            raise self.ApiError(400, "Bad Request: too many commands specified")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict) or "command" not in command:
                raise self.ApiError(
                    400, "Bad Request: can't parse BotCommand: Can't find field \"command\""
                )
            if "description" not in command:
                raise self.ApiError(
                    400, "Bad Request: can't parse BotCommand: Can't find field \"description\""
                )
            name, description = str(command["command"]), str(command["description"])
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise self.ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not description.strip():
                raise self.ApiError(400, "Bad Request: command description must be non-empty")
            if len(description) > 256:
                raise self.ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        self._commands[self._commands_key(params)] = cleaned
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    async def _send_chat_action(self, params: JSONDict) -> bool:
        self._chat_for(params)
        if params.get("action") not in self.CHAT_ACTIONS:
            raise self.ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _close(self, params: JSONDict) -> bool:
        return True

    async def _log_out(self, params: JSONDict) -> bool:
        return True

    # ------------------------------------------------------------------ test-side: updates

    def queue_update(self, update: JSONDict) -> JSONDict:
        """Queue a raw update for getUpdates (``update_id`` is assigned if missing)."""
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        self._updates.append(update)
        self._notify()
        return update

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str = "private",
        title: str | None = None,
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSONDict:
        """Make a chat known to the server (so the bot may message it) and return it."""
        if chat_type == "private":
            if chat_id <= 0:
                raise ValueError("a private chat id is the user's (positive) id")
            chat: JSONDict = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        elif chat_type in ("group", "supergroup", "channel"):
            if chat_id >= 0:
                raise ValueError(f"a {chat_type} chat id must be negative")
            chat = {"id": chat_id, "type": chat_type, "title": title or "Clinic patients"}
            if username:
                chat["username"] = username
        else:
            raise ValueError(f"unknown chat_type {chat_type!r}")
        self._chats[chat_id] = chat
        return copy.deepcopy(chat)

    def block_user(self, user_id: int, blocked: bool = True) -> None:
        """Make sends to this user's private chat fail with 403 'bot was blocked by the user'."""
        if blocked:
            self._blocked.add(user_id)
        else:
            self._blocked.discard(user_id)

    def _user(self, user_id: int, first_name: str, username: str | None) -> JSONDict:
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "en",
        }
        if username:
            user["username"] = username
        self._users[user_id] = user
        return copy.deepcopy(user)

    def _auto_entities(self, text: str, given: list[JSONDict] | None) -> list[JSONDict]:
        """bot_command and mention entities that Telegram adds by itself, plus ``given``."""
        entities = [dict(e) for e in given or []]
        spans: list[tuple[int, int]] = []
        for match in re.finditer(r"(?<![^\s])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?", text):
            spans.append(match.span())
            self._add_entity(entities, text, match.start(), match.end(), "bot_command")
        for match in re.finditer(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)", text):
            if not any(start <= match.start() < end for start, end in spans):
                self._add_entity(entities, text, match.start(), match.end(), "mention")
        entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return entities

    def _add_entity(self, entities: list[JSONDict], text: str, start: int, end: int, kind: str):
        entity = {
            "offset": self._u16(text[:start]),
            "length": self._u16(text[start:end]),
            "type": kind,
        }
        if entity not in entities:
            entities.append(entity)

    @staticmethod
    def _without_reply(message: JSONDict) -> JSONDict:
        inner = copy.deepcopy(message)
        inner.pop("reply_to_message", None)
        return inner

    def _user_message(
        self,
        chat_id: int,
        content: JSONDict,
        *,
        user_id: int | None,
        chat_type: str,
        first_name: str,
        username: str | None,
        reply_to_message_id: int | None = None,
        chat_title: str | None = None,
    ) -> JSONDict:
        if chat_type == "private":
            if user_id is not None and user_id != chat_id:
                raise ValueError("in a private chat, user_id must equal chat_id")
            user_id = chat_id
        elif user_id is None:
            user_id = 777_000_001
        known = self._chats.get(chat_id)
        if known is None or known["type"] != chat_type:
            self.add_chat(
                chat_id,
                chat_type=chat_type,
                title=chat_title,
                first_name=first_name,
                username=username if chat_type == "private" else None,
            )
        message: JSONDict = {
            "message_id": self._new_message_id(chat_id),
            "from": self._user(user_id, first_name, username),
            "chat": copy.deepcopy(self._chats[chat_id]),
            "date": int(time.time()),
            **content,
        }
        if reply_to_message_id is not None:
            target = self._messages.get(chat_id, {}).get(reply_to_message_id)
            if target is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat_id} to reply to")
            message["reply_to_message"] = self._without_reply(target)
        self._store(message)
        return self.queue_update({"message": copy.deepcopy(message)})

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
        reply_to_message_id: int | None = None,
        entities: list[JSONDict] | None = None,
        chat_title: str | None = None,
    ) -> JSONDict:
        """Queue a user's text message (mention/bot_command entities added like Telegram)."""
        content: JSONDict = {"text": text}
        found = self._auto_entities(text, entities)
        if found:
            content["entities"] = found
        return self._user_message(
            chat_id,
            content,
            user_id=user_id,
            chat_type=chat_type,
            first_name=first_name,
            username=username,
            reply_to_message_id=reply_to_message_id,
            chat_title=chat_title,
        )

    def send_command(
        self,
        chat_id: int,
        command: str,
        args: str | None = None,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
        reply_to_message_id: int | None = None,
        chat_title: str | None = None,
    ) -> JSONDict:
        """Queue a ``/command [args]`` message with its bot_command entity."""
        if not command.startswith("/"):
            command = "/" + command
        if not re.fullmatch(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?", command):
            raise ValueError(f"not a bot command: {command!r}")
        return self.send_text(
            chat_id,
            command + (f" {args}" if args else ""),
            user_id=user_id,
            chat_type=chat_type,
            first_name=first_name,
            username=username,
            reply_to_message_id=reply_to_message_id,
            chat_title=chat_title,
        )

    def _file(self, kind: str, **extra: Any) -> JSONDict:
        number = self._next_file_id
        self._next_file_id += 1
        return {
            "file_id": f"FAKE-{kind}-{number:06d}",
            "file_unique_id": f"U{kind[:2]}{number:06d}",
            **extra,
        }

    @staticmethod
    def _sender(
        user_id: int | None, chat_type: str, first_name: str, username: str | None
    ) -> JSONDict:
        return {
            "user_id": user_id,
            "chat_type": chat_type,
            "first_name": first_name,
            "username": username,
        }

    def _media(
        self, chat_id: int, content: JSONDict, caption: str | None, kwargs: JSONDict
    ) -> JSONDict:
        if caption:
            content["caption"] = caption
            found = self._auto_entities(caption, None)
            if found:
                content["caption_entities"] = found
        return self._user_message(chat_id, content, **kwargs)

    def send_sticker(
        self,
        chat_id: int,
        *,
        emoji: str = "\N{THUMBS UP SIGN}",
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSONDict:
        """Queue a user's sticker message."""
        sticker = self._file(
            "sticker",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
            emoji=emoji,
            file_size=20480,
        )
        kwargs = self._sender(user_id, chat_type, first_name, username)
        return self._media(chat_id, {"sticker": sticker}, None, kwargs)

    def send_photo(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSONDict:
        """Queue a user's photo message (two sizes, optional caption)."""
        small = self._file("photo", width=90, height=90, file_size=1500)
        large = self._file("photo", width=1280, height=960, file_size=120000)
        kwargs = self._sender(user_id, chat_type, first_name, username)
        return self._media(chat_id, {"photo": [small, large]}, caption, kwargs)

    def send_voice(
        self,
        chat_id: int,
        *,
        duration: int = 3,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSONDict:
        """Queue a user's voice message."""
        voice = self._file("voice", duration=duration, mime_type="audio/ogg", file_size=8000)
        kwargs = self._sender(user_id, chat_type, first_name, username)
        return self._media(chat_id, {"voice": voice}, None, kwargs)

    def send_document(
        self,
        chat_id: int,
        *,
        file_name: str = "referral.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSONDict:
        """Queue a user's document message."""
        document = self._file("document", file_name=file_name, mime_type=mime_type, file_size=4096)
        kwargs = self._sender(user_id, chat_type, first_name, username)
        return self._media(chat_id, {"document": document}, caption, kwargs)

    def edit_text(self, chat_id: int, message_id: int, new_text: str) -> JSONDict:
        """Edit a user's text message and queue the ``edited_message`` update."""
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None or message["from"]["id"] == self.bot_id or "text" not in message:
            raise ValueError(f"no user text message {message_id} in chat {chat_id}")
        message["text"] = new_text
        message.pop("entities", None)
        found = self._auto_entities(new_text, None)
        if found:
            message["entities"] = found
        message["edit_date"] = int(time.time())
        return self.queue_update({"edited_message": copy.deepcopy(message)})

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        first_name: str = "Pat",
        username: str | None = None,
        check_button: bool = True,
    ) -> JSONDict:
        """Queue a ``callback_query`` for the bot's message; the button must exist by default."""
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None or message["from"]["id"] != self.bot_id:
            raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
        if check_button:
            rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
            available = [b.get("callback_data") for row in rows for b in row]
            if data not in available:
                raise ValueError(
                    f"message {message_id} has no button with callback_data {data!r};"
                    f" available: {available!r}"
                )
        chat = self._chats[chat_id]
        if chat["type"] == "private":
            user_id = chat_id
        elif user_id is None:
            user_id = 777_000_001
        query_id = str(8_000_000_000_000_000 + self._next_query_id)
        self._next_query_id += 1
        query: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, first_name, username),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(chat_id) * 1_000_003 % 10**18),
            "data": data,
        }
        self._callback_queries[query_id] = {"answered": False, "data": data}
        return self.queue_update({"callback_query": query})

    def inline_query(
        self,
        user_id: int,
        query: str,
        *,
        offset: str = "",
        first_name: str = "Pat",
        username: str | None = None,
        chat_type: str | None = "sender",
    ) -> JSONDict:
        """Queue an ``inline_query`` update from ``user_id``."""
        query_id = str(9_000_000_000_000_000 + self._next_query_id)
        self._next_query_id += 1
        inline: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, first_name, username),
            "query": query,
            "offset": offset,
        }
        if chat_type:
            inline["chat_type"] = chat_type
        self._inline_queries[query_id] = {"answered": False, "query": query}
        return self.queue_update({"inline_query": inline})

    # ------------------------------------------------------------------ test-side: state

    def messages(self, chat_id: int) -> list[JSONDict]:
        """The bot's messages in ``chat_id`` (current state after edits), oldest first."""
        chat = self._messages.get(chat_id, {})
        return [
            copy.deepcopy(chat[mid])
            for mid in sorted(chat)
            if chat[mid]["from"]["id"] == self.bot_id
        ]

    def last_message(self, chat_id: int) -> JSONDict | None:
        """The bot's most recent message in ``chat_id``, or None."""
        sent = self.messages(chat_id)
        return sent[-1] if sent else None

    def calls_to(self, method: str) -> list[JSONDict]:
        """Params of accepted calls to ``method`` (case-insensitive)."""
        return [params for name, params in self.calls if name.lower() == method.lower()]

    @property
    def commands(self) -> list[JSONDict]:
        """Commands set for the default scope and no language."""
        return copy.deepcopy(self._commands.get(self._commands_key({}), []))

    def commands_for(
        self, scope: JSONDict | None = None, language_code: str = ""
    ) -> list[JSONDict]:
        """Commands set for a given scope and language."""
        key = self._commands_key({"scope": scope, "language_code": language_code})
        return copy.deepcopy(self._commands.get(key, []))

    @property
    def pending_update_count(self) -> int:
        """Queued updates not yet confirmed by a getUpdates offset."""
        return len(self._updates)

    @property
    def webhook_url(self) -> str:
        """The URL recorded by setWebhook ('' if none)."""
        return self._webhook.get("url", "")

    @property
    def webhook_secret_token(self) -> str | None:
        """The secret_token recorded by setWebhook."""
        return self._webhook.get("secret_token")

    async def wait_until(
        self,
        predicate: Callable[[], Any],
        timeout: float = 10.0,
        *,
        interval: float = 0.01,
        message: str | None = None,
    ) -> Any:
        """Poll ``predicate`` (sync or async) until truthy and return its value.

        Raises AssertionError describing the predicate and the fake's state on timeout.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if inspect.isawaitable(value):
                value = await value
            if value:
                return value
            if loop.time() >= deadline:
                raise AssertionError(self._describe_timeout(predicate, timeout, message))
            await asyncio.sleep(interval)

    def _describe_timeout(self, predicate: Callable[[], Any], timeout: float, message: str | None):
        what = message
        if what is None:
            try:
                what = inspect.getsource(predicate).strip()
            except (OSError, TypeError):
                what = getattr(predicate, "__qualname__", repr(predicate))
        lines = [f"FakeBotAPI.wait_until timed out after {timeout}s waiting for: {what}"]
        recent = [(n, p) for n, p in self.calls if n != "getUpdates"][-8:]
        lines.append(f"  accepted calls: {len(self.calls)}; last non-polling ones:")
        lines += [f"    {name} {self._short(params)}" for name, params in recent] or ["    (none)"]
        if self.errors:
            lines.append("  last rejected calls:")
            lines += [f"    {n} -> {code} {desc}" for n, _p, code, desc in self.errors[-5:]]
        polls = sum(1 for n, _ in self.calls if n == "getUpdates")
        lines.append(f"  pending updates: {len(self._updates)}; completed getUpdates: {polls}")
        counts = {cid: len(self.messages(cid)) for cid in self._messages}
        lines.append(f"  bot messages per chat: {counts}")
        if any(self.fault_counts.values()):
            lines.append(f"  faults injected: {self.fault_counts}")
        return "\n".join(lines)

    @staticmethod
    def _short(params: JSONDict, limit: int = 160) -> str:
        text = json.dumps(params, ensure_ascii=False, default=str)
        return text if len(text) <= limit else text[: limit - 3] + "..."

    # ------------------------------------------------------------------ webhooks

    async def post_to_webhook(
        self, url: str, update: JSONDict, secret_token: str | None = None, timeout: float = 10.0
    ) -> int:
        """POST ``update`` as JSON to ``url`` like Telegram does; return the HTTP status.

        A 2xx answer marks the update delivered (it is removed from the getUpdates queue).
        """
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        client_timeout = aiohttp.ClientTimeout(total=timeout)
        async with (
            aiohttp.ClientSession(timeout=client_timeout) as session,
            session.post(url, data=json.dumps(update), headers=headers) as response,
        ):
            await response.read()
            status = response.status
        if 200 <= status < 300 and "update_id" in update:
            self._updates = [u for u in self._updates if u["update_id"] != update["update_id"]]
        return status
