using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits an event DTO per event and the contract's event table (topic 0 → descriptor).</summary>
public static class EventEmitter
{
    /// <summary>Writes the contract's event DTOs.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        for (var i = 0; i < binding.Events.Count; i++)
        {
            var e = binding.Events[i];
            var dto = e.DtoClass;
            if (i > 0)
            {
                writer.Line();
            }

            writer.Summary(DocText.NoticeOr(e.Event.Documentation, "The event " + DocText.Code(e.Event.Signature) + "."));
            writer.Remarks(
                "Solidity " + DocText.Code("event " + e.Event.Name + "(" + string.Join(", ", e.Event.Inputs.Select(DocText.Declaration)) + ")" + (e.Event.Anonymous ? " anonymous" : string.Empty))
                + (e.Event.Anonymous
                    ? ". Anonymous: its logs carry no signature topic, so the service has no query helper for it; decode logs you have identified with <c>Event&lt;T&gt;.DecodeEvent</c>."
                    : ", topic 0 " + DocText.Code(e.Topic) + "."));
            writer.Line($"public partial class {dto} : {dto}Base");
            using (writer.Block())
            {
            }

            writer.Line();
            writer.Summary($"The fields of <see cref=\"{dto}\"/> (generated: extend <see cref=\"{dto}\"/> instead).");
            writer.Line(e.Event.Anonymous ? $"[Event(\"{e.Event.Name}\", true)]" : $"[Event(\"{e.Event.Name}\")]");
            writer.Line($"public class {dto}Base : IEventDTO");
            using (writer.Block())
            {
                PropertyWriter.Write(writer, e.Properties, e.Event.Documentation, isEvent: true);
            }
        }

        WriteTable(writer, binding);
    }

    private static void WriteTable(CodeWriter writer, ContractBinding binding)
    {
        var indexed = binding.Events.Where(e => !e.Event.Anonymous).ToList();
        writer.Line();
        writer.Summary(
            $"The events of {DocText.Code(binding.Contract.Name)} by topic 0, to decode logs without reflection: "
            + "<c>" + binding.EventTableClass + ".Events.TryFind(log, out var e)</c>, then <c>e.Decode(log)</c>."
            + (indexed.Count < binding.Events.Count ? " Anonymous events carry no topic 0 and are not listed." : string.Empty));
        writer.Line($"public static class {binding.EventTableClass}");
        using (writer.Block())
        {
            writer.Summary("One descriptor per non-anonymous event, in the order of the DTOs above.");
            writer.Line($"public static {RuntimeTypeNames.EventTable} Events {{ get; }} = new {RuntimeTypeNames.EventTable}(new {RuntimeTypeNames.EventDescriptor}[]");
            writer.Line("{");
            foreach (var e in indexed)
            {
                writer.Line($"    new {RuntimeTypeNames.EventDescriptor}<{e.DtoClass}>({CodeWriter.StringLiteral(e.Event.Name)}, {CodeWriter.StringLiteral(e.Event.Signature)}, {CodeWriter.StringLiteral(e.Topic)}),");
            }

            writer.Line("});");
        }
    }
}
