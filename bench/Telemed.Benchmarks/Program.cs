using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Telemed.BuildingBlocks.Security;

BenchmarkSwitcher.FromAssembly(typeof(FieldEncryptionBenchmarks).Assembly).Run(args);

/// <summary>The cost PHI encryption adds to every read and write of a clinical field.</summary>
[MemoryDiagnoser]
public class FieldEncryptionBenchmarks
{
    private readonly FieldEncryption _encryption = new();
    private string _stored = "";

    [Params(16, 256, 4096)]
    public int Length { get; set; }

    private string _plain = "";

    [GlobalSetup]
    public void Setup()
    {
        _encryption.Load([KeyValuePair.Create("dk-1", RandomNumberGenerator.GetBytes(32))], "dk-1", RandomNumberGenerator.GetBytes(32));
        _plain = new string('a', Length);
        _stored = _encryption.Encrypt(_plain, "Patient.Allergies");
    }

    [Benchmark]
    public string Encrypt() => _encryption.Encrypt(_plain, "Patient.Allergies");

    [Benchmark]
    public string Decrypt() => _encryption.Decrypt(_stored, "Patient.Allergies");

    [Benchmark]
    public string BlindIndex() => _encryption.BlindIndex("patient-email", "IVAN@EXAMPLE.TEST");
}
