"""Widgets: tray, status window, prompt, exercise window. They only talk to the controller."""
