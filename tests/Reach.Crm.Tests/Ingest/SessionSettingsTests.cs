using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reach.Crm.Extensions;
using Reach.Crm.Ingest;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The CRM's connections carry the ingest's session settings, unless the connection string already sets them.</summary>
public sealed class SessionSettingsTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    [Fact]
    public void Temp_buffers_and_the_write_buffer_are_added_unless_the_connection_string_sets_them()
    {
        var added = new NpgsqlConnectionStringBuilder(ApplicationServiceExtensions.WithSessionSettings("Host=db;Database=reach", new IngestOptions()));
        Assert.Equal(256 * 1024, added.WriteBufferSize);
        Assert.EndsWith("-c temp_buffers=512MB", added.Options); // after PGOPTIONS, when the environment sets it

        var kept = new NpgsqlConnectionStringBuilder(ApplicationServiceExtensions.WithSessionSettings(
            "Host=db;Database=reach;Write Buffer Size=16384;Options=-c temp-buffers=64MB", new IngestOptions()));
        Assert.Equal(16384, kept.WriteBufferSize);
        Assert.Equal("-c temp-buffers=64MB", kept.Options);

        var off = new NpgsqlConnectionStringBuilder(ApplicationServiceExtensions.WithSessionSettings(
            "Host=db;Database=reach", new IngestOptions { TempBuffersMegabytes = 0, WriteBufferKilobytes = 0 }));
        Assert.Equal(new NpgsqlConnectionStringBuilder().WriteBufferSize, off.WriteBufferSize);
        Assert.DoesNotContain("temp_buffers", off.Options ?? "");
    }

    [Fact]
    public async Task A_session_of_the_crm_has_the_temp_buffers_and_write_buffer_of_the_ingest_options()
    {
        var dataSource = crm.Services.GetRequiredService<NpgsqlDataSource>();
        await using var cmd = dataSource.CreateCommand("SHOW temp_buffers");
        Assert.Equal("512MB", await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Equal(256 * 1024, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).WriteBufferSize);
    }
}
