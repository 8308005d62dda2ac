using System.Reflection;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Calls;

namespace Telemed.UnitTests.Consultations;

/// <summary>
/// Only a person's actions keep a session alive (issue 11, item 9): the session hub filter extends the session only for hub
/// methods marked <see cref="CountsAsActivityAttribute"/>. WebRTC signalling is sent by the browser by itself.
/// </summary>
public sealed class HubActivityTests
{
    private static bool CountsAsActivity(string method) =>
        typeof(CallHub).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!.GetCustomAttribute<CountsAsActivityAttribute>() is not null;

    [Fact]
    public void WebRTC_signalling_does_not_count_as_the_persons_activity() => CountsAsActivity(nameof(CallHub.SendSignal)).ShouldBeFalse();

    [Fact]
    public void Proposing_and_answering_video_are_a_persons_actions()
    {
        CountsAsActivity(nameof(CallHub.ProposeVideo)).ShouldBeTrue();
        CountsAsActivity(nameof(CallHub.AnswerVideo)).ShouldBeTrue();
    }
}
