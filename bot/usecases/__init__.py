"""Use cases, one transaction each, and who may do what; import all but chat."""
