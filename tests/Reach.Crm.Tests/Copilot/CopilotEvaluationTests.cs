using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reach.Crm.Copilot;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;
using Reach.Crm.Tests.Infrastructure;
using Reach.Crm.Tests.Ingest;
using Reach.Testing;

namespace Reach.Crm.Tests.Copilot;

/// <summary>
/// The copilot evaluation (shared/eval): every goal goes through <c>POST /api/copilot/chat</c> on its data set with the
/// embedded planner; the staged segment must select exactly the expected customers (as sets) and the campaign use the
/// channel the goal names. Prints the score per goal; at least 95% on each data set.
/// </summary>
[Collection("online-retail")]
public sealed class CopilotEvaluationTests(OnlineRetailFixture onlineRetail, DemoDataFixture demo) : IClassFixture<DemoDataFixture>
{
    private static async Task<SortedSet<long>> MembersAsync(CrmFactory crm, string definition)
    {
        var audiences = crm.Services.GetRequiredService<AudienceService>();
        var ids = new SortedSet<long>();
        await foreach (var id in audiences.MemberIdsAsync(SegmentDefinitionParser.Parse(definition), TestContext.Current.CancellationToken))
        {
            ids.Add(id);
        }

        return ids;
    }

    [Fact]
    public async Task Every_eval_goal_stages_the_expected_audience()
    {
        var ct = TestContext.Current.CancellationToken;
        var results = new List<(EvalGoal Goal, bool Pass, string Detail)>();
        foreach (var goal in EvalGoal.Load())
        {
            CrmFactory crm = goal.Dataset == "online-retail" ? onlineRetail : demo;
            using var client = crm.CreateClient();
            using var response = await client.PostAsync("/api/copilot/chat",
                new StringContent(JsonSerializer.Serialize(new { message = goal.Goal }), Encoding.UTF8, "application/json"), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                results.Add((goal, false, $"HTTP {(int)response.StatusCode}: {body}"));
                continue;
            }

            var reply = JsonSerializer.Deserialize<CopilotReply>(body, JsonSerializerOptions.Web)!;
            if (reply.StagedCampaign is null || reply.Segment is null)
            {
                results.Add((goal, false, $"nothing staged: {reply.Reply}"));
                continue;
            }

            var expected = await MembersAsync(crm, goal.Audience);
            var actual = await MembersAsync(crm, reply.Segment.Definition.GetRawText());
            var sameSet = expected.SetEquals(actual);
            var channelOk = goal.Channel is null || goal.Channel == reply.StagedCampaign.Channel;
            results.Add((goal, sameSet && channelOk,
                $"expected {expected.Count}, staged {actual.Count} ({reply.Segment.Summary}); channel {reply.StagedCampaign.Channel}{(channelOk ? "" : $" ≠ {goal.Channel}")}; status {reply.StagedCampaign.Status}"));
            Assert.Equal("draft", reply.StagedCampaign.Status);
        }

        foreach (var (goal, pass, detail) in results)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{(pass ? "PASS" : "FAIL")} {goal.Id} [{goal.Dataset}] {goal.Goal} — {detail}");
        }

        foreach (var dataset in results.GroupBy(r => r.Goal.Dataset))
        {
            var score = 100.0 * dataset.Count(r => r.Pass) / dataset.Count();
            TestContext.Current.TestOutputHelper?.WriteLine($"{dataset.Key}: {score:0.0}% ({dataset.Count(r => r.Pass)}/{dataset.Count()})");
            Assert.True(score >= 95, $"{dataset.Key} scored {score:0.0}%:\n" + string.Join("\n", dataset.Where(r => !r.Pass).Select(r => $"{r.Goal.Id} {r.Goal.Goal}: {r.Detail}")));
        }
    }
}
