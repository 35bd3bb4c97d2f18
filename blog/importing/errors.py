class ImportFileError(Exception):
    """The file (or folder) cannot be imported at all; the message says why, for editors."""
