"""战报 Zhanbao: __main__.py, cli.py and one package per role; imports nothing itself."""
