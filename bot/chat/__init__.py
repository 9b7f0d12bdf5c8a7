"""The only Telegram code: app, handlers, jobs; imports usecases, rendering, config, domain."""
