"""A fake Bot API server for the tests and the offline demo; imports nothing of bot."""

# The real bot runs unmodified over HTTP against it: build the Application with
# `.base_url(api.base_url).base_file_url(api.base_file_url)` and the token `api.token`.

from bot.fake_telegram.objects import ApiError, FakeChat, FakeUser
from bot.fake_telegram.server import FakeBotApi
from bot.fake_telegram.world import BotMessage

__all__ = ["ApiError", "BotMessage", "FakeBotApi", "FakeChat", "FakeUser"]
