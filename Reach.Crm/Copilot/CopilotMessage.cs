using System.Text.Json;

namespace Reach.Crm.Copilot;

/// <summary>One step of a conversation.</summary>
public sealed class CopilotMessage
{
    public long Id { get; set; }
    public long ConversationId { get; set; }

    /// <summary>Order within the conversation.</summary>
    public int Sequence { get; set; }

    /// <summary><c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public required string Role { get; set; }

    public string? Content { get; set; }
    public string? ToolName { get; set; }
    public string? ToolCallId { get; set; }
    public JsonDocument? ToolArguments { get; set; }
    public JsonDocument? ToolResult { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
