# Zhanbao (战报) bot: python -m bot run, with migrations applied at start.
#   docker build -t zhanbao .
#   docker run -e BOT_TOKEN=... -v zhanbao-data:/app/data -v ./config.toml:/app/config.toml:ro zhanbao
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 zhanbao

# The package and its dependencies; alembic.ini and migrations/ are found in /app,
# the working directory, at run time.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install .

COPY alembic.ini config.example.toml ./
COPY migrations ./migrations
RUN mkdir -p /app/data && chown zhanbao:zhanbao /app/data

USER zhanbao
VOLUME ["/app/data"]

# The schema is brought up to date before the bot's event loop starts.
CMD ["sh", "-c", "python -m bot db upgrade && exec python -m bot run"]
