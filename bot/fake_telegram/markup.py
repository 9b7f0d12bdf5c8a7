"""HTML parse_mode as Telegram applies it: validate the markup, then strip it into entities.

A report that renders fine in a test but is rejected by Telegram ("can't parse entities") is
the most common formatting bug, so the fake refuses what Telegram refuses: unknown tags,
unclosed or crossed tags and a bare ``<`` or ``&``. Offsets in error texts are approximate.
MarkdownV2 and Markdown are passed through unparsed.
"""

from __future__ import annotations

import html
import re

from bot.fake_telegram.objects import JSON, ApiError, utf16_len

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_TOKEN = re.compile(
    r"<(?P<close>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s+[^<>]*)?)>"
    r"|&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"
    r"|[<&]"
)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


def parse_html(source: str) -> tuple[str, list[JSON]]:
    """The plain text and the entities Telegram would store for ``source``."""
    plain: list[str] = []
    entities: list[JSON] = []
    open_tags: list[tuple[str, int, JSON]] = []
    position = 0
    for token in _TOKEN.finditer(source):
        plain.append(source[position : token.start()])
        position = token.end()
        text = token.group()
        offset = len(source[: token.start()].encode())
        if token.group("tag") is None and len(text) == 1:
            raise _parse_error(f"can't find end of the entity starting at byte offset {offset}")
        if token.group("tag") is None:
            plain.append(html.unescape(text))
            continue
        tag = token.group("tag").lower()
        start = utf16_len("".join(plain))
        if token.group("close"):
            if not open_tags or open_tags[-1][0] != tag:
                expected = f'expected "</{open_tags[-1][0]}>"' if open_tags else "no open tag"
                found = f'found "{text}"'
                where = f"unmatched end tag at byte offset {offset}"
                raise _parse_error(f"{where}, {expected}, {found}")
            _, opened_at, entity = open_tags.pop()
            if start > opened_at:
                entities.append(entity | {"offset": opened_at, "length": start - opened_at})
            continue
        open_tags.append((tag, start, _entity(tag, token.group("attrs"), offset)))
    if open_tags:
        raise _parse_error(f'can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    plain.append(source[position:])
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(plain), entities


def _entity(tag: str, attrs: str, offset: int) -> JSON:
    values = {m[1].lower(): m[2] or m[3] or m[4] for m in _ATTRIBUTE.finditer(attrs)}
    if tag in _SIMPLE_TAGS:
        entity: JSON = {"type": _SIMPLE_TAGS[tag]}
        if tag in ("pre", "code") and values.get("class", "").startswith("language-"):
            entity["language"] = values["class"].removeprefix("language-")
        return entity
    if tag == "a" and values.get("href"):
        return {"type": "text_link", "url": values["href"]}
    if tag == "span" and values.get("class") == "tg-spoiler":
        return {"type": "spoiler"}
    if tag == "blockquote":
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    raise _parse_error(f'unsupported start tag "{tag}" at byte offset {offset}')


def _parse_error(reason: str) -> ApiError:
    return ApiError.bad_request(f"can't parse entities: {reason[0].upper()}{reason[1:]}")
