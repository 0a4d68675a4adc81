## Shell completions for bash, zsh and fish.
## Copyright (C) 2026 The graceful-timeout authors.
## SPDX-License-Identifier: GPL-3.0-or-later

# Each file goes where its shell looks for completions on demand; the
# directories come from configure (--with-SHELL-completion-dir).  The
# bash file is named after the command, as bash-completion looks it up.
EXTRA_DIST += completions/bash/graceful-timeout \
  completions/zsh/_graceful-timeout completions/fish/graceful-timeout.fish

if BASH_COMPLETION
bashcompletiondir = $(bash_completion_dir)
bashcompletion_DATA = completions/bash/graceful-timeout
endif
if ZSH_COMPLETION
zshcompletiondir = $(zsh_completion_dir)
zshcompletion_DATA = completions/zsh/_graceful-timeout
endif
if FISH_COMPLETION
fishcompletiondir = $(fish_completion_dir)
fishcompletion_DATA = completions/fish/graceful-timeout.fish
endif
