"""Application services between the composition root and the widgets.

The break session (prompt and exercise window), settings kept in step with the file, answers
to other backbreak processes, the planner's inputs from the settings, and the one owner of the
platform inputs (presence and interruption sources). The shell drives the widgets in ``ui``;
widgets never import the shell, they talk to the controller and emit signals.
"""
