"""Every use case of one deployment, over one database and one photo store.

The chat side and the command line reach storage only through these.
"""

from __future__ import annotations

from bot.adapters.photo_store import open_store
from bot.config.settings import Config
from bot.storage import migrations
from bot.storage.unit_of_work import Database
from bot.usecases.albums import Albums
from bot.usecases.alerts import Alerting
from bot.usecases.approvals import Approving
from bot.usecases.backups import Backups
from bot.usecases.contests import Contesting
from bot.usecases.drafts import Drafts
from bot.usecases.figures import Figures
from bot.usecases.inbox import Inbox
from bot.usecases.outbox import Outbox
from bot.usecases.photos import PhotoViews
from bot.usecases.posts import Posting
from bot.usecases.reports import Reporting
from bot.usecases.roster import Roster
from bot.usecases.scores import Judging
from bot.usecases.targets import Targeting
from bot.usecases.visits import Visiting


def upgrade_schema(config: Config) -> None:
    """Bring the database to the newest schema (Alembic); run before the bot starts."""
    migrations.upgrade(config.database_url)


class Services:
    """Every use case of one deployment, over one database: what the chat side and the
    command line call, so neither ever opens storage themselves."""

    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config
        self.roster = Roster(database, config)
        self.inbox = Inbox(database)
        self.albums = Albums(database)
        self.backups = Backups(config)
        self.alerts = Alerting(database, config)
        self.outbox = Outbox(database, on_post_failed=self.alerts.post_failed)
        self.reports = Reporting(database, config)
        self.approvals = Approving(database, config)
        self.posts = Posting(database, config)
        self.figures = Figures(database, config, self.posts)
        self.targets = Targeting(database, config, self.posts)
        self.contests = Contesting(database, config)
        self.drafts = Drafts(database)
        self.scores = Judging(database, config)
        photos = config.photos
        store = open_store(photos.location, endpoint_url=photos.endpoint_url, region=photos.region)
        self.visits = Visiting(database, config, self.reports, store, self.alerts)
        self.photos = PhotoViews(database, config, store)

    @classmethod
    def open(cls, config: Config) -> Services:
        """The use cases over the configured database; `close` gives its connections back."""
        return cls(Database(config.database_url), config)

    def running(self) -> bool:
        """This process is a running bot: on a SQLite file it holds the file's lock; False
        if another bot holds it (which `doctor` tells too); see storage.sole_use."""
        return self.database.sole_use.take()

    async def close(self) -> None:
        """Give the database's connections back: the last step of the bot's shutdown."""
        await self.database.dispose()
