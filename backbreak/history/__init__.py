"""The record of break events kept on disk, so a user can see over time which breaks they took.

Below the shell (which records what happens) and beside the platform: it only needs the standard
library's ``sqlite3`` and the settings code's way of moving an unusable file aside.
"""
