# What publishing does in a target's folder, run by `sh -c` on this machine or on the server over ssh, so that both
# kinds of target share one tested implementation. Usage: sh -c "$script" nq45 OPERATION ROOT [ARGUMENT...]; every
# argument arrives as one word, checked before it was sent. A refusal is a line "nq45:CODE" on standard error and
# exit status 3; whatever else a command printed (a full disk, a permission) follows it as the system said it.
set -u
fail() { printf 'nq45:%s\n' "$1" >&2; exit 3; }
valid_id() {
  case $1 in
  [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z) return 0 ;;
  esac
  return 1
}
op=$1
root=$2
shift 2
[ -e "$root" ] || fail no-root
[ -d "$root" ] || fail root-not-dir
cd "$root" || fail root-unreadable
case $op in
inspect)
  # C: where `current` points (C! when it is not a link); R!: `releases` is not a plain folder;
  # N KIND NAME: an entry of releases/ (d folder, f file, l link, o other); M NAME JSON: a metadata file.
  if [ -L current ]; then printf 'C %s\n' "$(readlink current)"; elif [ -e current ]; then echo 'C!'; fi
  if [ -L releases ] || { [ -e releases ] && [ ! -d releases ]; }; then echo 'R!'; fi
  if [ -d releases ] && [ ! -L releases ]; then
    for entry in releases/* releases/.incoming; do
      [ -e "$entry" ] || [ -L "$entry" ] || continue
      name=${entry#releases/}
      if [ -L "$entry" ]; then kind=l; elif [ -d "$entry" ]; then kind=d; elif [ -f "$entry" ]; then kind=f; else kind=o; fi
      printf 'N %s %s\n' "$kind" "$name"
      case $name in
      *.json) if [ "$kind" = f ]; then printf 'M %s ' "$name"; head -c 65536 "$entry" | tr '\n\r' '  '; echo; fi ;;
      esac
    done
  fi
  ;;
prepare)
  if [ -L releases ]; then fail releases-link; fi
  [ -d releases ] || mkdir releases || fail cannot-create
  if [ -L releases/.incoming ]; then fail incoming-link; fi
  if [ -e releases/.incoming ] && [ ! -d releases/.incoming ]; then fail incoming-not-dir; fi
  [ -d releases/.incoming ] || mkdir releases/.incoming || fail cannot-create
  ;;
finish)
  # The metadata (standard input) written beside, then the uploaded folder renamed to its release id.
  id=$1
  valid_id "$id" || fail bad-id
  cd releases || fail no-releases
  if [ ! -d .incoming ] || [ -L .incoming ]; then fail no-incoming; fi
  if [ -e "$id" ] || [ -L "$id" ]; then fail release-exists; fi
  cat >".$id.json.tmp" && mv -f ".$id.json.tmp" "$id.json" && mv -T .incoming "$id" || {
    rm -f ".$id.json.tmp"
    fail write-failed
  }
  ;;
switch)
  # A new link beside `current`, renamed over it: readers see the old release or the new one, never neither.
  id=$1
  valid_id "$id" || fail bad-id
  if [ ! -d "releases/$id" ] || [ -L "releases/$id" ]; then fail no-release; fi
  if [ -e current ] && [ ! -L current ]; then fail current-not-link; fi
  tmp=".current.$$"
  rm -f "$tmp"
  ln -s "releases/$id" "$tmp" && mv -T "$tmp" current || {
    rm -f "$tmp"
    fail switch-failed
  }
  ;;
files)
  # Every file of a release, one a line, as ./path.
  id=$1
  valid_id "$id" || fail bad-id
  if [ ! -d "releases/$id" ] || [ -L "releases/$id" ]; then fail no-release; fi
  cd "releases/$id" && find . -type f -print
  ;;
discard)
  # An upload that turned out to change nothing.
  if [ -d releases/.incoming ] && [ ! -L releases/.incoming ]; then rm -rf releases/.incoming || fail remove-failed; fi
  ;;
remove)
  cd releases || fail no-releases
  for id in "$@"; do
    valid_id "$id" || fail bad-id
    if [ "$(readlink ../current 2>/dev/null)" = "releases/$id" ]; then fail remove-current; fi
    rm -rf -- "$id" "$id.json" || fail remove-failed
  done
  ;;
lock)
  # Held while standard input stays open: a publisher that dies lets go of it.
  exec flock -n -E 75 .publish.lock sh -c 'echo nq45:locked; exec cat >/dev/null'
  ;;
*)
  fail bad-operation
  ;;
esac
