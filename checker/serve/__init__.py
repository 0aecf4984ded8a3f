"""`fzcheck serve`: a web page and a JSON API over the checker, for offices that never open a terminal.

Nothing here imports FastAPI or uvicorn at import time: `checker.serve.command` defers them to the moment
the server starts, and `checker.serve.worker` (what the process pool runs) never needs them, so
`fzcheck lint` stays as fast as it is."""
