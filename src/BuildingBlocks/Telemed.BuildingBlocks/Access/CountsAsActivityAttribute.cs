namespace Telemed.BuildingBlocks.Access;

/// <summary>
/// Marks a hub method as something a person does (sends a message, types, signals during a call): invoking it
/// keeps the caller's session from idling out, as a REST request does. Hub methods without it (joining,
/// watching, leaving, read receipts, anything the app calls by itself on load or on reconnect) still
/// re-check the session but do not extend it, so an open connection alone never keeps a session alive.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class CountsAsActivityAttribute : Attribute;
