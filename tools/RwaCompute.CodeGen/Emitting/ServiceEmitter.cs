using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>
/// Emits the contract service: typed query for views (<c>…QueryAsync</c>), simulation with <c>eth_call</c> for
/// state-changing functions (<c>…SimulateAsync</c>), send (<c>…RequestAsync</c>) and
/// send-and-wait (<c>…RequestAndWaitForReceiptAsync</c>) methods, each taking either the message or the arguments;
/// event helpers (<c>Get…EventsAsync</c>, <c>Decode…Events</c>); and typed deployment.
/// </summary>
public static class ServiceEmitter
{
    private const string BlockParameterArgument = "BlockParameter? blockParameter = null";
    private const string CancellationArgument = "CancellationToken cancellationToken = default";

    /// <summary>Writes the service pair.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        WriteService(writer, binding);
        writer.Line();
        WriteServiceBase(writer, binding);
    }

    private static void WriteService(CodeWriter writer, ContractBinding binding)
    {
        var service = binding.ServiceClass;
        writer.Summary(DocText.NoticeOr(binding.Contract.Documentation, "A deployed " + DocText.Code(binding.Contract.Name) + "."));
        writer.Remarks(
            "Typed queries, transactions and event helpers; reverts surface as the typed exceptions of "
            + $"<see cref=\"{binding.DecoderClass}\"/>.");
        writer.Line($"public partial class {service} : {service}Base");
        using (writer.Block())
        {
            writer.Summary("Binds to a deployed contract.");
            writer.Param("web3", "The Web3 instance (its account signs transactions).");
            writer.Param("contractAddress", "The contract's address.");
            writer.Line($"public {service}(IWeb3 web3, string contractAddress)");
            using (writer.Indent())
            {
                writer.Line(": base(web3, contractAddress)");
            }

            using (writer.Block())
            {
            }

            if (binding.IsDeployable)
            {
                WriteDeployMethods(writer, binding);
            }
        }
    }

    private static void WriteDeployMethods(CodeWriter writer, ContractBinding binding)
    {
        var service = binding.ServiceClass;
        var deployment = binding.DeploymentClass;
        var decoder = binding.DecoderClass + ".Instance";
        var name = DocText.Code(binding.Contract.Name);

        writer.Line();
        writer.Summary($"Deploys {name} and waits for the receipt.");
        writer.Param("web3", "The Web3 instance whose account deploys.");
        writer.Param("deployment", "The constructor arguments (and bytecode).");
        writer.Param("cancellationToken", "Cancels the wait for the receipt.");
        writer.Returns("The deployment receipt.");
        writer.Line($"public static Task<TransactionReceipt> DeployContractAndWaitForReceiptAsync(IWeb3 web3, {deployment} deployment, {CancellationArgument})");
        using (writer.Indent())
        {
            writer.Line($"=> DeployAndWaitForReceiptAsync(web3, deployment, {decoder}, cancellationToken);");
        }

        writer.Line();
        writer.Summary($"Sends the deployment transaction of {name}.");
        writer.Param("web3", "The Web3 instance whose account deploys.");
        writer.Param("deployment", "The constructor arguments (and bytecode).");
        writer.Param("cancellationToken", "Cancels the wait.");
        writer.Returns("The transaction hash.");
        writer.Line($"public static Task<string> DeployContractAsync(IWeb3 web3, {deployment} deployment, {CancellationArgument})");
        using (writer.Indent())
        {
            writer.Line($"=> DeployAsync(web3, deployment, {decoder}, cancellationToken);");
        }

        writer.Line();
        writer.Summary($"Deploys {name}, waits for the receipt and binds a service to the new contract.");
        writer.Param("web3", "The Web3 instance whose account deploys.");
        writer.Param("deployment", "The constructor arguments (and bytecode).");
        writer.Param("cancellationToken", "Cancels the wait for the receipt.");
        writer.Returns("The service for the deployed contract.");
        writer.Line($"public static async Task<{service}> DeployContractAndGetServiceAsync(IWeb3 web3, {deployment} deployment, {CancellationArgument})");
        using (writer.Block())
        {
            writer.Line("var receipt = await DeployContractAndWaitForReceiptAsync(web3, deployment, cancellationToken).ConfigureAwait(false);");
            writer.Line($"return new {service}(web3, DeployedAddress(receipt));");
        }

        var constructor = binding.Contract.Constructor;
        var payable = constructor?.StateMutability == StateMutability.Payable;
        var arguments = PropertyWriter.Arguments(binding.ConstructorInputs).ToList();
        if (payable)
        {
            arguments.Add("BigInteger amountToSend = default");
        }

        writer.Line();
        writer.Summary($"Deploys {name} with these constructor arguments, waits for the receipt and binds a service to it.");
        writer.Param("web3", "The Web3 instance whose account deploys.");
        foreach (var input in binding.ConstructorInputs)
        {
            writer.Param(input.ArgumentName, DocText.Property(input, constructor!.Documentation));
        }

        if (payable)
        {
            writer.Param("amountToSend", "Wei sent with the deployment (the constructor is payable).");
        }

        writer.Param("cancellationToken", "Cancels the wait for the receipt.");
        writer.Returns("The service for the deployed contract.");
        writer.Line($"public static Task<{service}> DeployContractAndGetServiceAsync({string.Join(", ", ["IWeb3 web3", .. arguments, CancellationArgument])})");
        using (writer.Indent())
        {
            var initializer = PropertyWriter.Initializer(deployment, binding.ConstructorInputs, payable ? ["AmountToSend = amountToSend"] : []);
            writer.Line($"=> DeployContractAndGetServiceAsync(web3, {initializer}, cancellationToken);");
        }
    }

    private static void WriteServiceBase(CodeWriter writer, ContractBinding binding)
    {
        var service = binding.ServiceClass;
        writer.Summary($"The generated members of <see cref=\"{service}\"/> (extend <see cref=\"{service}\"/> instead).");
        writer.Line($"public class {service}Base : TypedContractServiceBase");
        using (writer.Block())
        {
            writer.Summary("Binds to a deployed contract.");
            writer.Param("web3", "The Web3 instance (its account signs transactions).");
            writer.Param("contractAddress", "The contract's address.");
            writer.Line($"public {service}Base(IWeb3 web3, string contractAddress)");
            using (writer.Indent())
            {
                writer.Line($": base(web3, contractAddress, {binding.DecoderClass}.Instance)");
            }

            using (writer.Block())
            {
            }

            foreach (var function in binding.Functions)
            {
                WriteQuery(writer, function);

                if (!function.Function.IsReadOnly)
                {
                    WriteSend(writer, function, andWait: false);
                    WriteSend(writer, function, andWait: true);
                }
            }

            foreach (var e in binding.Events.Where(e => !e.Event.Anonymous))
            {
                WriteEventHelpers(writer, e);
            }

            WriteTypeList(writer, "GetAllFunctionTypes", "The function message types of this contract.", binding.Functions.Select(f => f.MessageClass));
            WriteTypeList(writer, "GetAllEventTypes", "The (non-anonymous) event DTO types of this contract.", binding.Events.Where(e => !e.Event.Anonymous).Select(e => e.DtoClass));
            WriteTypeList(writer, "GetAllErrorTypes", "The error DTO types of this contract.", binding.Errors.Select(e => e.DtoClass));
        }
    }

    private static void WriteQuery(CodeWriter writer, FunctionBinding function)
    {
        var f = function.Function;
        var message = function.MessageClass;
        // A state-changing function is simulated, not queried: "Query" means a view to a Nethereum user.
        var method = function.BaseName + (f.IsReadOnly ? "QueryAsync" : "SimulateAsync");
        var result = function.ResultType;
        var task = result is null ? "Task" : $"Task<{result}>";
        var summary = f.IsReadOnly
            ? DocText.NoticeOr(f.Documentation, "Calls " + DocText.Code(f.Signature) + ".")
            : "Simulates " + DocText.Code(f.Signature) + " with <c>eth_call</c> (nothing is sent): returns what the transaction would "
                + "return now, or throws the typed exception of its revert. "
                + DocText.NoticeOr(f.Documentation, string.Empty);
        summary = summary.TrimEnd();
        var returns = function.Shape switch
        {
            ReturnShape.None => "Completes when the call succeeds; a revert throws its typed exception.",
            ReturnShape.Multiple => "The return values.",
            _ => "The return value (Solidity " + DocText.Code(DocText.Declaration(f.Outputs[0])) + ").",
        };
        var call = function.Shape switch
        {
            ReturnShape.None => "CallAsync(message, blockParameter, cancellationToken)",
            ReturnShape.OneValue => $"QueryAsync<{message}, {result}>(message, blockParameter, cancellationToken)",
            ReturnShape.SingleThroughOutput => $"QueryOutputAsync<{message}, {function.OutputClass}, {result}>(message, output => output.{function.Outputs[0].PropertyName}, blockParameter, cancellationToken)",
            _ => $"QueryOutputAsync<{message}, {function.OutputClass}>(message, blockParameter, cancellationToken)",
        };

        writer.Line();
        writer.Summary(summary);
        writer.Param("message", "The call's arguments.");
        writer.Param("blockParameter", "The block to call at (latest when null).");
        writer.Param("cancellationToken", "Cancels the wait.");
        writer.Returns(returns);
        writer.Line($"public virtual {task} {method}({message} message, {BlockParameterArgument}, {CancellationArgument})");
        using (writer.Indent())
        {
            writer.Line("=> " + call + ";");
        }

        writer.Line();
        writer.Summary(summary);
        foreach (var input in function.Inputs)
        {
            writer.Param(input.ArgumentName, DocText.Property(input, f.Documentation));
        }

        writer.Param("blockParameter", "The block to call at (latest when null).");
        writer.Param("cancellationToken", "Cancels the wait.");
        writer.Returns(returns);
        writer.Line($"public virtual {task} {method}({string.Join(", ", [.. PropertyWriter.Arguments(function.Inputs), BlockParameterArgument, CancellationArgument])})");
        using (writer.Indent())
        {
            writer.Line($"=> {method}({PropertyWriter.Initializer(message, function.Inputs)}, blockParameter, cancellationToken);");
        }
    }

    private static void WriteSend(CodeWriter writer, FunctionBinding function, bool andWait)
    {
        var f = function.Function;
        var message = function.MessageClass;
        var method = function.BaseName + (andWait ? "RequestAndWaitForReceiptAsync" : "RequestAsync");
        var result = andWait ? "TransactionReceipt" : "string";
        var summary = DocText.NoticeOr(f.Documentation, "Sends " + DocText.Code(f.Signature) + ".")
            + (andWait ? " Sends the transaction and waits for its receipt." : " Sends the transaction.");
        var returns = andWait
            ? "The receipt (mined; reverts during gas estimation throw typed exceptions)."
            : "The transaction hash.";
        var payable = f.StateMutability == StateMutability.Payable;

        writer.Line();
        writer.Summary(summary);
        writer.Param("message", "The transaction's arguments" + (payable ? " (set <c>AmountToSend</c> to send ether)." : "."));
        writer.Param("cancellationToken", andWait ? "Cancels the wait for the receipt." : "Cancels the wait.");
        writer.Returns(returns);
        writer.Line($"public virtual Task<{result}> {method}({message} message, {CancellationArgument})");
        using (writer.Indent())
        {
            writer.Line(andWait ? "=> SendAndWaitForReceiptAsync(message, cancellationToken);" : "=> SendAsync(message, cancellationToken);");
        }

        var arguments = PropertyWriter.Arguments(function.Inputs).ToList();
        if (payable)
        {
            arguments.Add("BigInteger amountToSend = default");
        }

        writer.Line();
        writer.Summary(summary);
        foreach (var input in function.Inputs)
        {
            writer.Param(input.ArgumentName, DocText.Property(input, f.Documentation));
        }

        if (payable)
        {
            writer.Param("amountToSend", "Wei sent with the call (the function is payable).");
        }

        writer.Param("cancellationToken", andWait ? "Cancels the wait for the receipt." : "Cancels the wait.");
        writer.Returns(returns);
        writer.Line($"public virtual Task<{result}> {method}({string.Join(", ", [.. arguments, CancellationArgument])})");
        using (writer.Indent())
        {
            var initializer = PropertyWriter.Initializer(message, function.Inputs, payable ? ["AmountToSend = amountToSend"] : []);
            writer.Line($"=> {method}({initializer}, cancellationToken);");
        }
    }

    private static void WriteEventHelpers(CodeWriter writer, EventBinding e)
    {
        var dto = e.DtoClass;
        var indexed = e.Properties.Where(p => p.Parameter.Indexed).ToList();
        writer.Line();
        writer.Summary("Fetches this contract's " + DocText.Code(e.Event.Signature) + " logs (<c>eth_getLogs</c>), optionally filtered on indexed parameters.");
        foreach (var p in indexed)
        {
            writer.Param(
                p.ArgumentName,
                "Only logs whose indexed " + DocText.Code(p.Parameter.Name.Length == 0 ? p.PropertyName : p.Parameter.Name) + " is this"
                + (p.Parameter.Type.IsHashedWhenIndexed ? " topic (keccak256 of the value, 0x-hex)" : string.Empty) + "; any when null.");
        }

        writer.Param("fromBlock", "First block (earliest when null).");
        writer.Param("toBlock", "Last block (latest when null).");
        writer.Param("cancellationToken", "Cancels the wait.");
        writer.Returns("The decoded logs.");
        // Reference types are hashed into their topic: filter them by the 0x topic hash.
        var filters = indexed.Select(p => (p.Parameter.Type.IsHashedWhenIndexed ? "string" : p.CSharpType) + "? " + p.ArgumentName + " = null");
        writer.Line($"public virtual Task<List<EventLog<{dto}>>> Get{e.BaseName}EventsAsync({string.Join(", ", [.. filters, "BlockParameter? fromBlock = null", "BlockParameter? toBlock = null", CancellationArgument])})");
        using (writer.Indent())
        {
            var values = indexed.Count == 0 ? "Array.Empty<object?>()" : "new object?[] { " + string.Join(", ", indexed.Select(p => p.ArgumentName)) + " }";
            writer.Line($"=> GetEventsAsync<{dto}>({values}, fromBlock, toBlock, cancellationToken);");
        }

        writer.Line();
        writer.Summary("Decodes the " + DocText.Code(e.Event.Signature) + " logs this contract emitted in a transaction.");
        writer.Param("receipt", "The transaction receipt.");
        writer.Returns("The decoded logs, in log order.");
        writer.Line($"public virtual List<EventLog<{dto}>> Decode{e.BaseName}Events(TransactionReceipt receipt)");
        using (writer.Indent())
        {
            writer.Line($"=> DecodeEvents<{dto}>(receipt);");
        }
    }

    private static void WriteTypeList(CodeWriter writer, string method, string summary, IEnumerable<string> types)
    {
        var list = types.ToList();
        writer.Line();
        writer.Summary(summary);
        writer.Returns("The types.");
        writer.Line($"public override List<Type> {method}()");
        using (writer.Indent())
        {
            if (list.Count == 0)
            {
                writer.Line("=> new List<Type>();");
                return;
            }

            writer.Line("=> new List<Type>");
            writer.Line("{");
            using (writer.Indent())
            {
                foreach (var type in list)
                {
                    writer.Line($"typeof({type}),");
                }
            }

            writer.Line("};");
        }
    }
}
