using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Telemetry;

namespace RwaCompute.Reporter.Tests.Observations;

/// <summary>Properties of the calculator over random sample sets: what must hold whatever the GPUs did.</summary>
public sealed class ObservationCalculatorProperties
{
    private const int Runs = 200;
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly EpochWindow Epoch = new(3, Start, Start.AddMinutes(10));
    private static readonly string[] Gpus = ["GPU-0", "GPU-1", "GPU-2"];

    /// <summary>The same samples in any order (and any pool GPU order) give the same observation.</summary>
    [Property(MaxTest = Runs)]
    public bool Calculate_IsDeterministicUnderPermutation(int seed, bool curtail)
    {
        var samples = RandomSamples(seed);
        var order = new Random(seed ^ 0x5bd1e995);
        var shuffled = samples.OrderBy(_ => order.Next()).ToList();
        var calculator = new ObservationCalculator(TimeSpan.FromSeconds(40));

        return calculator.Calculate(Pool(curtail, Gpus), Epoch, samples) == calculator.Calculate(Pool(curtail, [.. Gpus.Reverse()]), Epoch, shuffled);
    }

    /// <summary>Figures stay in range and partition the epoch: up ≤ GPU-time − curtailed, delivered ≤ up,
    /// utilization and uptime ≤ 10 000 bps.</summary>
    [Property(MaxTest = Runs)]
    public Property Calculate_StaysWithinItsBounds(int seed, bool curtail, PositiveInt stalenessSeconds)
    {
        var calculator = new ObservationCalculator(TimeSpan.FromSeconds(1 + (stalenessSeconds.Get % 300)));
        var observation = calculator.Calculate(Pool(curtail, Gpus), Epoch, RandomSamples(seed));
        var gpuTime = (ulong)Gpus.Length * 600_000;

        return (observation.UpGpuMilliseconds + observation.CurtailedGpuMilliseconds <= gpuTime).Label("up + curtailed ≤ GPU-time")
            .And((observation.DeliveredGpuMilliseconds <= observation.UpGpuMilliseconds).Label("delivered ≤ up"))
            .And((observation.UptimeBps <= 10_000 && observation.UtilizationBps <= 10_000).Label("bps ≤ 10 000"))
            .And((observation.EnergyMillijoules <= (ulong)Gpus.Length * 700 * 600_000 * 2).Label("energy bounded by power × time"));
    }

    private static PoolDefinition Pool(bool curtail, string[] gpus) =>
        new(PoolId.Parse("prop-pool"), gpus, curtail ? [new CurtailmentWindow(Start.AddMinutes(2), Start.AddMinutes(4).AddSeconds(7))] : []);

    private static List<GpuSample> RandomSamples(int seed)
    {
        var random = new Random(seed);
        var samples = new List<GpuSample>();
        foreach (var gpu in Gpus)
        {
            ulong counter = (ulong)random.Next(0, 1_000_000);
            var useCounter = random.Next(2) == 0;
            for (var at = Start.AddSeconds(-60); at < Start.AddMinutes(11); at = at.AddMilliseconds(random.Next(1, 60_000)))
            {
                counter = random.Next(20) == 0 ? (ulong)random.Next(0, 1000) : counter + (ulong)random.Next(0, 700 * 60);
                samples.Add(new GpuSample(
                    at,
                    gpu,
                    0,
                    random.Next(6) == 0 ? null : (byte)random.Next(0, 101),
                    random.Next(6) == 0 ? null : random.Next(0, 70_000) / 100m,
                    useCounter ? counter : null));
            }
        }

        return samples;
    }
}
