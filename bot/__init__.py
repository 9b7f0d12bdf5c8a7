"""战报 Zhanbao: only __main__.py, cli.py and packages live here."""
