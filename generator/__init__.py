"""Static site generator for Nghị quyết 45-NQ/TW and the documents derived from it."""
