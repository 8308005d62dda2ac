using Telemed.Modules.Consultations.Calls.Recording;

namespace Telemed.UnitTests.Consultations;

/// <summary>Issue 16's rules for recording a call: only with the patient's consent to the text they were shown, stopped at once on withdrawal, kept for the clinic's retention.</summary>
public sealed class CallRecordingRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Patient = Guid.NewGuid();

    private static CallRecording Requested() => new(Guid.NewGuid(), Guid.NewGuid(), RecordingConsentText.CurrentVersion, Now);

    [Fact]
    public void Given_a_request_When_the_patient_accepts_a_text_version_other_than_the_one_asked_for_Then_nothing_is_recorded()
    {
        var recording = Requested();

        var answered = recording.Answer(accept: true, "call-recording-consent-2020-01", Patient, room: 7, Now);

        answered.Error!.Code.ShouldBe("consultation.recording_consent_outdated");
        recording.Status.ShouldBe(CallRecordingStatus.Requested);
        recording.ConsentedAt.ShouldBeNull();
    }

    [Fact]
    public void Given_a_request_When_the_patient_accepts_Then_the_consent_is_kept_with_its_time_text_version_and_patient()
    {
        var recording = Requested();

        recording.Answer(accept: true, RecordingConsentText.CurrentVersion, Patient, room: 7, Now.AddSeconds(5)).IsSuccess.ShouldBeTrue();

        recording.Status.ShouldBe(CallRecordingStatus.Recording);
        recording.ConsentedAt.ShouldBe(Now.AddSeconds(5));
        recording.ConsentedByUserId.ShouldBe(Patient);
        recording.ConsentTextVersion.ShouldBe(RecordingConsentText.CurrentVersion);
        recording.Room.ShouldBe(7);
    }

    [Fact]
    public void Given_a_request_When_the_patient_declines_Then_it_ends_declined_and_cannot_be_accepted_afterwards()
    {
        var recording = Requested();

        recording.Answer(accept: false, RecordingConsentText.CurrentVersion, Patient, room: 0, Now).IsSuccess.ShouldBeTrue();

        recording.Status.ShouldBe(CallRecordingStatus.Declined);
        recording.Answer(accept: true, RecordingConsentText.CurrentVersion, Patient, room: 7, Now).Error!.Code.ShouldBe("consultation.recording_not_requested");
        recording.ConsentedAt.ShouldBeNull();
    }

    [Fact]
    public void Given_a_running_recording_When_the_patient_withdraws_Then_it_stops_with_that_reason_and_waits_for_one_host_to_process_it()
    {
        var recording = Requested();
        recording.Answer(accept: true, RecordingConsentText.CurrentVersion, Patient, room: 7, Now);

        recording.Stop(RecordingStopReason.Withdrawn, Now.AddMinutes(3)).IsSuccess.ShouldBeTrue();

        recording.Status.ShouldBe(CallRecordingStatus.Stopped);
        recording.StopReason.ShouldBe(RecordingStopReason.Withdrawn);
        recording.StoppedAt.ShouldBe(Now.AddMinutes(3));
        recording.Stop(RecordingStopReason.Doctor, Now.AddMinutes(4)).Error!.Code.ShouldBe("consultation.recording_not_running");
        recording.Claim(Now.AddMinutes(4)).ShouldBeTrue();
        recording.Claim(Now.AddMinutes(5)).ShouldBeFalse("a second host finds it taken");
        recording.Claim(Now.AddMinutes(40)).ShouldBeTrue("a claim 36 minutes old was a host that died mid-way");
    }

    [Fact]
    public void Given_an_unanswered_request_When_the_call_ends_Then_it_lapses_as_declined_and_nothing_is_processed()
    {
        var recording = Requested();

        recording.Stop(RecordingStopReason.Ended, Now).IsSuccess.ShouldBeTrue();

        recording.Status.ShouldBe(CallRecordingStatus.Declined);
        recording.Claim(Now).ShouldBeFalse();
    }

    [Fact]
    public void Given_processed_media_When_it_is_stored_Then_it_is_kept_for_the_clinics_retention_days_and_an_empty_result_fails()
    {
        var stored = Requested();
        stored.Answer(accept: true, RecordingConsentText.CurrentVersion, Patient, room: 7, Now);
        stored.Stop(RecordingStopReason.Doctor, Now);
        stored.Claim(Now);

        stored.Store([new CallRecordingTrack(stored.Id, 0, Patient, screen: false, 12.5, 1000, 1)], retentionDays: 30, Now);

        stored.Status.ShouldBe(CallRecordingStatus.Available);
        stored.RetainUntil.ShouldBe(Now.AddDays(30));

        var empty = Requested();
        empty.Answer(accept: true, RecordingConsentText.CurrentVersion, Patient, room: 7, Now);
        empty.Stop(RecordingStopReason.Doctor, Now);
        empty.Claim(Now);
        empty.Store([], retentionDays: 30, Now);
        empty.Status.ShouldBe(CallRecordingStatus.Failed);
        empty.RetainUntil.ShouldBeNull();
    }

    [Fact]
    public void Given_a_track_When_its_parts_are_named_Then_the_keys_are_file_store_safe_and_distinct()
    {
        var id = Guid.NewGuid();

        var key = CallRecordingTrack.PartKey(id, 2, 13);

        key.ShouldBe($"consultations/recordings/{id:N}/2-00013");
        CallRecordingTrack.PartKey(id, 2, 14).ShouldNotBe(key);
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-').ShouldBeTrue();
    }

    [Fact]
    public void Given_Janus_raw_files_When_they_are_paired_Then_each_publication_is_one_track_with_its_audio_and_video_and_a_rejoin_is_another()
    {
        string[] files =
        [
            "/r/videoroom-9-user-200-1764662400000100-audio-0.mjr",
            "/r/videoroom-9-user-200-1764662400000900-video-1.mjr",
            "/r/videoroom-9-user-300-1764662400001000-video-1.mjr",
            "/r/videoroom-9-user-300-1764662400000500-audio-0.mjr",
            "/r/videoroom-9-user-201-1764662405000000-video-0.mjr",
            "/r/videoroom-9-user-200-1764662460000000-video-1.mjr",
            "/r/videoroom-9-user-200-1764662460000200-audio-0.mjr",
            "/r/not-a-recording.mjr",
        ];

        var publications = RecordingMedia.Publications(files);

        publications.ShouldBe(
        [
            (200, "/r/videoroom-9-user-200-1764662400000900-video-1.mjr", "/r/videoroom-9-user-200-1764662400000100-audio-0.mjr"),
            (300, "/r/videoroom-9-user-300-1764662400001000-video-1.mjr", "/r/videoroom-9-user-300-1764662400000500-audio-0.mjr"),
            (201, "/r/videoroom-9-user-201-1764662405000000-video-0.mjr", null),
            (200, "/r/videoroom-9-user-200-1764662460000000-video-1.mjr", "/r/videoroom-9-user-200-1764662460000200-audio-0.mjr"),
        ]);
    }
}
