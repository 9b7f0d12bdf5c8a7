"""Use cases and who may do what; import domain, rendering, config, storage, adapters."""
