using Telemed.CrashBench;

// Crash safety: kill -9 of the host under mixed booking and chat load, then check what was acknowledged (bench/crash-safety.sh).
//   run     --provider sqlite|postgres --host-dll <Telemed.Host.dll> --data-dir <folder> [--connection <PostgreSQL>] --port <n> --host-log <file>
//           [--cycles 20] [--load-seconds 2-6] [--bookers 8] [--chatters 8] [--contended 0.1] [--seed n] [--out <json>]
//   report  --inputs a.json,b.json [--results <md>] [--docs docs/benchmarks.md] [--revision <text>]
if (args.Length == 0 || args[0] is not ("run" or "report"))
{
    Console.Error.WriteLine("usage: Telemed.CrashBench run|report --option value ... (see bench/README.md)");
    return 64;
}

var options = new Options(args[1..]);
return args[0] == "run" ? await CrashRun.RunAsync(options) : await Report.RunAsync(options);
