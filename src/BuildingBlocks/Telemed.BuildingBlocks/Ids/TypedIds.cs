namespace Telemed.BuildingBlocks.Ids;

// Three kinds of Guid travel between modules and are easy to swap: an account (a doctor's or a patient's user id),
// a patient's profile and a doctor's profile. Facades that take more than one of them take these types, so passing
// a doctor's user id where a patient id belongs does not compile.

/// <summary>An account's id (Identity): who signs in. Not a patient's or a doctor's profile id.</summary>
public readonly record struct UserId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>A patient's profile id (Directory): whose record it is.</summary>
public readonly record struct PatientId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>A doctor's profile id (Directory): whom patients book. Not the doctor's user id.</summary>
public readonly record struct DoctorId(Guid Value)
{
    public override string ToString() => Value.ToString();
}
