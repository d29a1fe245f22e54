# Sourced by examples/<city>/run.sh: with WORK_DIR another folder than the example's, the
# families go there and a copy of the config points at them (and at ../shared/data), so a
# test can run an example without writing into the source tree. Sets $config.
#   needs: $here (the example folder), $work (WORK_DIR), $data (../shared/data)
mkdir -p "$work"
config="$here/reachmap.toml"
if [ "$(cd "$work" && pwd)" != "$here" ]; then
  config="$work/reachmap.toml"
  sed -e "s#\"families/#\"$work/families/#" -e "s#\"../../../shared/data/#\"$data/#" \
    "$here/reachmap.toml" >"$config"
fi
