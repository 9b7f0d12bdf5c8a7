"""Tables, repositories that never commit, the unit of work; imports domain and config."""
