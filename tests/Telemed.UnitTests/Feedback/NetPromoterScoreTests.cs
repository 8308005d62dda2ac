using Telemed.Modules.Feedback.Contracts;

namespace Telemed.UnitTests.Feedback;

/// <summary>NPS = % promoters (9–10) − % detractors (0–6), rounded half away from zero; passives (7–8) only dilute.</summary>
public sealed class NetPromoterScoreTests
{
    public static TheoryData<int[], int, int, int, int?> Answers => new()
    {
        // answers, promoters, passives, detractors, score
        { [], 0, 0, 0, null },
        { [10], 1, 0, 0, 100 },
        { [0], 0, 0, 1, -100 },
        { [7, 8], 0, 2, 0, 0 },
        { [9, 10, 6, 5], 2, 0, 2, 0 },
        { [10, 10, 10, 8, 7, 6], 3, 2, 1, 33 },           // 50 − 16.67 = 33.33
        { [9, 9, 0, 7, 7, 7, 7, 7], 2, 5, 1, 13 },        // 25 − 12.5 = 12.5 → 13 (half away from zero)
        { [0, 0, 9, 7, 7, 7, 7, 7], 1, 5, 2, -13 },       // 12.5 − 25 = −12.5 → −13
        { [6, 7, 8, 9], 1, 2, 1, 0 },                     // the boundaries: 6 detracts, 7–8 pass, 9 promotes
        { [10, 9, 8], 2, 1, 0, 67 },                      // 66.67 → 67
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Counts_and_scores_a_table_of_answers(int[] answers, int promoters, int passives, int detractors, int? score)
    {
        var figures = NetPromoterScore.Of(answers);
        figures.ShouldBe(new NpsFigures(answers.Length, promoters, passives, detractors, score));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void An_answer_outside_zero_to_ten_is_a_bug_not_a_figure(int answer) =>
        Should.Throw<ArgumentOutOfRangeException>(() => NetPromoterScore.Of([5, answer]));
}
