#!/usr/bin/env bash
# Packaging check run at the end of `make test` (filled in by the installer work, issue 9).
exit 0
