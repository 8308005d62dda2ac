# Sourced by the benches: start_channel_sinks WORKDIR starts bench/channel-sinks.py (an SMTP relay and Twilio's SMS API
# that accept and drop everything) on two free loopback ports, and sets SINKS_PID and CHANNEL_ARGS, the host settings that
# send the notices there by SMTP and Twilio's API, as a production host sends them. Run from the repository root.
# SINK_LATENCY_MS (0) delays each answer, as a real provider's round trip does.
start_channel_sinks() {
  local work=$1 smtp twilio
  smtp=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  twilio=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  /usr/bin/python3 bench/channel-sinks.py "$smtp" "$twilio" 2>"$work/sinks.log" &
  SINKS_PID=$!
  CHANNEL_ARGS=(--Notifications:Email:Provider=Smtp --Notifications:Email:Host=127.0.0.1 "--Notifications:Email:Port=$smtp"
    --Notifications:Email:From=no-reply@bench.telemed.test
    --Notifications:Sms:Provider=Twilio --Notifications:Sms:AccountSid=AC0123456789abcdef0123456789abcdef
    --Notifications:Sms:AuthToken=f00dfeedf00dfeedf00dfeedf00dfeed --Notifications:Sms:From=+15557122661
    "--Notifications:Sms:BaseUrl=http://127.0.0.1:$twilio")
  echo "== notices to local sinks: SMTP 127.0.0.1:$smtp, Twilio API http://127.0.0.1:$twilio (answering after ${SINK_LATENCY_MS:-0} ms)"
}
