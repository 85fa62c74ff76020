# Sourced by scripts/test.sh: throw-away servers on 127.0.0.1 for the tests, each in a temporary folder, installed with
# apt-get when missing. start_postgres exports KB_TEST_POSTGRES (an Npgsql connection string as the server's
# superuser); stop_test_servers stops what was started and removes the folders.

test_servers_dirs=()
test_servers_stops=()

apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

start_postgres() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "Installing PostgreSQL for the database tests ..."
    apt_install postgresql || return 1
  fi
  local bin dir port password
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/kb-postgres.XXXXXX")
  test_servers_dirs+=("$dir")
  port=$(free_port)
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" > "$dir/password"
  # PostgreSQL refuses to run as root: as root, the server runs as the postgres user, which owns its folder.
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A scram-sha-256 --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  # fsync off: the tests kill the app, never this server, and it is thrown away afterwards.
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null || return 1
  test_servers_stops+=("${as[*]} $bin/pg_ctl -D $dir/data -m immediate stop")
  export KB_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port"
}

stop_test_servers() {
  local stop dir
  for stop in "${test_servers_stops[@]}"; do $stop >/dev/null 2>&1 || true; done
  for dir in "${test_servers_dirs[@]}"; do rm -rf "$dir"; done
  test_servers_stops=(); test_servers_dirs=()
}
