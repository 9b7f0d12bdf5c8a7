"""Images, the photo store and spreadsheets (not Telegram); import domain and config."""
