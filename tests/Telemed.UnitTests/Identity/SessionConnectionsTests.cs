using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.UnitTests.Identity;

public sealed class SessionConnectionsTests
{
    [Fact]
    public void Given_connections_of_two_sessions_of_one_user_When_one_session_ends_Then_only_its_connections_are_closed()
    {
        var registry = new HubConnectionRegistry();
        var user = Guid.NewGuid();
        var (signedOut, kept) = (Guid.NewGuid(), Guid.NewGuid());
        var a = new FakeCaller();
        var b = new FakeCaller();
        var c = new FakeCaller();
        registry.Add(a, signedOut, user);
        registry.Add(b, signedOut, user);
        registry.Add(c, kept, user);

        registry.CloseSession(signedOut).ShouldBe(2);

        (a.Aborted, b.Aborted, c.Aborted).ShouldBe((true, true, false));
        registry.OpenSessions().ShouldBe([kept]);
    }

    [Fact]
    public void Given_connections_of_two_users_When_one_user_is_suspended_Then_all_their_sessions_close_and_the_other_user_stays()
    {
        var registry = new HubConnectionRegistry();
        var (suspended, other) = (Guid.NewGuid(), Guid.NewGuid());
        var phone = new FakeCaller();
        var laptop = new FakeCaller();
        var bystander = new FakeCaller();
        registry.Add(phone, Guid.NewGuid(), suspended);
        registry.Add(laptop, Guid.NewGuid(), suspended);
        registry.Add(bystander, Guid.NewGuid(), other);

        registry.CloseUser(suspended).ShouldBe(2);

        (phone.Aborted, laptop.Aborted, bystander.Aborted).ShouldBe((true, true, false));
    }

    [Fact]
    public void Given_a_credential_change_in_one_session_Then_the_users_other_connections_close_and_that_one_stays()
    {
        var registry = new HubConnectionRegistry();
        var (user, current) = (Guid.NewGuid(), Guid.NewGuid());
        var here = new FakeCaller();
        var elsewhere = new FakeCaller();
        registry.Add(here, current, user);
        registry.Add(elsewhere, Guid.NewGuid(), user);

        registry.CloseUserExcept(user, current).ShouldBe(1);

        (here.Aborted, elsewhere.Aborted).ShouldBe((false, true));
    }

    [Fact]
    public void Given_a_disconnected_connection_Then_ending_its_session_has_nothing_to_close()
    {
        var registry = new HubConnectionRegistry();
        var session = Guid.NewGuid();
        var gone = new FakeCaller();
        registry.Add(gone, session, Guid.NewGuid());
        registry.Remove(gone.ConnectionId);

        registry.CloseSession(session).ShouldBe(0);
        gone.Aborted.ShouldBeFalse();
    }

    [Fact]
    public void Given_requests_Then_ordinary_endpoints_count_as_activity_and_hub_transports_and_passive_endpoints_do_not()
    {
        PassiveSessionCheck.CountsAsActivity(RequestTo()).ShouldBeTrue();
        PassiveSessionCheck.CountsAsActivity(RequestTo(new object())).ShouldBeTrue();
        PassiveSessionCheck.CountsAsActivity(RequestTo(new PassiveSessionCheck())).ShouldBeFalse();
        PassiveSessionCheck.CountsAsActivity(RequestTo(new HubMetadata(typeof(Hub)))).ShouldBeFalse();
    }

    private static HttpContext RequestTo(params object[] metadata)
    {
        var http = new DefaultHttpContext();
        if (metadata.Length > 0)
        {
            http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "test"));
        }

        return http;
    }

    private sealed class FakeCaller : HubCallerContext
    {
        public bool Aborted { get; private set; }
        public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() => Aborted = true;
    }
}
