using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>What the run ran on: the report header.</summary>
/// <param name="StartedAt">When the run started (local time, with offset).</param>
/// <param name="Cores">Logical processors available to the bench.</param>
/// <param name="MemoryGb">Total memory (<c>MemTotal</c> in <c>/proc/meminfo</c>), in GiB.</param>
/// <param name="Cpu">The CPU model, when known.</param>
/// <param name="Os">The distribution and kernel.</param>
/// <param name="LoadAverage">The 1/5/15-minute load averages when the run started (other work on the machine skews timings).</param>
/// <param name="Runtime">The .NET runtime the bench runs on.</param>
/// <param name="GitCommit">Short commit hash, with <c>+dirty</c> when the work tree has changes; null outside git.</param>
/// <param name="PostgresVersion"><c>SELECT version()</c>.</param>
/// <param name="Durable">Whether PostgreSQL ran with fsync and synchronous commit on.</param>
/// <param name="PostgresSettings">Settings that govern write speed, as the server reports them.</param>
public sealed record MachineInfo(
    DateTimeOffset StartedAt,
    int Cores,
    double? MemoryGb,
    string? Cpu,
    string Os,
    string? LoadAverage,
    string Runtime,
    string? GitCommit,
    string PostgresVersion,
    bool Durable,
    IReadOnlyDictionary<string, string> PostgresSettings)
{
    private static readonly string[] SettingNames =
        ["fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "work_mem", "maintenance_work_mem", "max_wal_size", "jit"];

    /// <summary>Collects the header, asking the server at <paramref name="adminConnectionString"/> for its version and settings.</summary>
    public static async Task<MachineInfo> CollectAsync(DateTimeOffset startedAt, string adminConnectionString, bool durable, CancellationToken ct)
    {
        string version;
        var settings = new Dictionary<string, string>();
        await using (var conn = new NpgsqlConnection(adminConnectionString))
        {
            await conn.OpenAsync(ct);
            await using (var cmd = new NpgsqlCommand("SELECT version()", conn))
            {
                version = (string)(await cmd.ExecuteScalarAsync(ct))!;
            }

            await using (var cmd = new NpgsqlCommand(
                "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(@names) ORDER BY array_position(@names, name)", conn))
            {
                cmd.Parameters.AddWithValue("names", SettingNames);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    settings[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }

        return new MachineInfo(startedAt, Environment.ProcessorCount, MemTotalGb(), CpuModel(), OsDescription(),
            LoadAverageNow(), RuntimeInformation.FrameworkDescription, await GitCommitAsync(ct), version, durable, settings);
    }

    private static double? MemTotalGb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : Math.Round(long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string OsDescription()
    {
        var pretty = FirstLine("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = ReadTrimmed("/proc/sys/kernel/osrelease");
        return kernel is null ? pretty : $"{pretty}, Linux {kernel} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }

    /// <summary>The 1/5/15-minute load averages from <c>/proc/loadavg</c>, or null when unreadable.</summary>
    public static string? LoadAverageNow() =>
        ReadTrimmed("/proc/loadavg") is { } text ? string.Join(' ', text.Split(' ').Take(3)) : null;

    private static string? FirstLine(string file, string prefix)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadTrimmed(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<string?> GitCommitAsync(CancellationToken ct)
    {
        var root = RepositoryRoot.Find();
        if (root is null)
        {
            return null;
        }

        var commit = await GitAsync(root, ["rev-parse", "--short", "HEAD"], ct);
        if (string.IsNullOrWhiteSpace(commit))
        {
            return null;
        }

        var status = await GitAsync(root, ["status", "--porcelain", "--untracked-files=no"], ct);
        return string.IsNullOrWhiteSpace(status) ? commit.Trim() : commit.Trim() + "+dirty";
    }

    private static async Task<string?> GitAsync(string root, string[] args, CancellationToken ct)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            var output = await process.StandardOutput.ReadToEndAsync(ct);
            _ = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
