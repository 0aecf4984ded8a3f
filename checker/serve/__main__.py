"""`python -m checker.serve …`: the serve command on its own (same options as `fzcheck serve`)."""
from .command import serve

serve(prog_name="fzcheck serve")
