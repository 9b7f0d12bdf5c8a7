"""Pure texts and charts of domain values, in every language; imports only the domain."""
