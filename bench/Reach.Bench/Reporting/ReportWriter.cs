using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reach.Bench.Reporting;

/// <summary>Renders a <see cref="RunReport"/> as a markdown table and as JSON.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The header and the table, in markdown.</summary>
    public static string Markdown(RunReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Reach benchmark results").AppendLine();
        var m = report.Machine;
        if (m is not null)
        {
            sb.AppendLine(inv, $"- **Date:** {m.StartedAt:yyyy-MM-dd HH:mm:ss zzz}");
            var cpu = m.Cpu is null ? "" : $" ({m.Cpu})";
            var memory = m.MemoryGb is { } gb ? gb.ToString("0.0", inv) + " GiB" : "unknown";
            sb.AppendLine(inv, $"- **Machine:** {m.Cores} cores{cpu}, {memory} memory, {m.Os}");
            sb.AppendLine(inv, $"- **Load average (1/5/15 min):** {m.LoadAverage ?? "n/a"} at start, {report.EndLoadAverage ?? "n/a"} at end ({m.Cores} cores)");
            sb.AppendLine(inv, $"- **.NET:** {m.Runtime}");
            sb.AppendLine(inv, $"- **Commit:** {m.GitCommit ?? "(not a git work tree)"}");
            sb.AppendLine(inv, $"- **PostgreSQL:** {m.PostgresVersion}");
            var settings = string.Join(", ", m.PostgresSettings.Select(kv => $"{kv.Key}={kv.Value}"));
            sb.AppendLine(inv, $"- **PostgreSQL settings:** durable = {(m.Durable ? "yes" : "no")}; {settings}");
        }
        else
        {
            sb.AppendLine(inv, $"- **Date:** {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz} (PostgreSQL did not start; no machine header)");
        }

        var names = string.Join(", ", report.Scenarios);
        sb.AppendLine(inv, $"- **Run:** scenarios {names}; demo customers {report.Options.Customers:N0}; total {report.Elapsed.TotalSeconds:0.0} s");
        sb.AppendLine();
        sb.AppendLine("| scenario | figure | value | baseline (same run) | target (2 cores) | met? |");
        sb.AppendLine("|---|---|---:|---|---|---|");
        foreach (var r in report.Results)
        {
            var target = r.Target?.ToString() ?? "—";
            sb.AppendLine(inv, $"| {Cell(r.Scenario)} | {Cell(r.Figure)} | {Cell(r.Display)} | {Cell(r.Baseline?.ToString() ?? "—")} | {Cell(target)} | {r.MetCell} |");
        }

        return sb.ToString();
    }

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(RunReport report) => JsonSerializer.Serialize(new
    {
        machine = report.Machine,
        options = report.Options,
        scenarios = report.Scenarios,
        elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        endLoadAverage = report.EndLoadAverage,
        results = report.Results.Select(r => new
        {
            r.Scenario,
            r.Figure,
            r.Value,
            r.Unit,
            r.Display,
            Baseline = r.Baseline is null ? null : new { r.Baseline.Method, r.Baseline.Value, r.Baseline.Unit, r.Baseline.Detail, Text = r.Baseline.ToString() },
            Target = r.Target is null ? null : new { r.Target.Comparison, r.Target.Threshold, r.Target.Unit, Text = r.Target.ToString() },
            r.Met,
            r.Error,
        }),
    }, Json);

    /// <summary>Writes <c>results.md</c> and <c>results.json</c> into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.md"), Markdown(report));
        await File.WriteAllTextAsync(Path.Combine(directory, "results.json"), ToJson(report));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
