from skillmatch.cli import cli

cli()
