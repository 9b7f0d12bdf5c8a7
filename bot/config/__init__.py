"""The typed configuration and its TOML reader; imports only the domain."""
