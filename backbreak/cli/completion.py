"""``backbreak completion bash``: a bash completion script, made from the parser itself so it
always offers the commands and options that exist."""

from __future__ import annotations

import argparse
import shlex

_SCRIPT = """\
# bash completion for backbreak; load it with:  source <(backbreak completion bash)
_backbreak() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} path="" words="" word i
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        case "$path|$word" in
{steps}
        esac
    done
    case "$path" in
{words}
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -F _backbreak backbreak
"""


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _walk(parser: argparse.ArgumentParser, path: str) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(path, parser)]
    for name, child in _subcommands(parser).items():
        found += _walk(child, f"{path} {name}".strip())
    return found


def bash_script(parser: argparse.ArgumentParser) -> str:
    steps, words = [], []
    for path, node in _walk(parser, ""):
        children = _subcommands(node)
        for name in children:
            child = f"{path} {name}".strip()
            steps.append(
                f"            {shlex.quote(f'{path}|{name}')}) path={shlex.quote(child)} ;;"
            )
        values = [
            str(choice)
            for action in node._actions
            if not action.option_strings
            and action.choices is not None
            and not isinstance(action, argparse._SubParsersAction)
            for choice in action.choices
        ]
        options = [
            option
            for action in node._actions
            for option in action.option_strings
            if option.startswith("--")
        ]
        offered = " ".join([*children, *values, *options])
        words.append(f"        {shlex.quote(path)}) words={shlex.quote(offered)} ;;")
    return _SCRIPT.format(steps="\n".join(steps), words="\n".join(words))
