// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

import {ComputeEscrow} from "../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {ComputeLending} from "../../src/lending/ComputeLending.sol";
import {ComputeMarket} from "../../src/market/ComputeMarket.sol";
import {UtilizationOracle} from "../../src/oracle/UtilizationOracle.sol";
import {ComputeCapacityToken} from "../../src/token/ComputeCapacityToken.sol";
import {MockUSDC} from "../mocks/MockUSDC.sol";

/// @notice Deploys the whole suite with named actors; the base of the token, escrow, market, lending and gas tests.
/// @dev Every funded actor approves the market for its stablecoin (a buyer pays through it) and as ERC-1155 operator
/// (a seller's units move through it), the lending module for its stablecoin (principals and repayments) and the
/// escrow (bonds).
abstract contract SuiteFixture is Test {
    uint40 internal constant START = 1_750_000_000;
    uint40 internal constant WINDOW = 30 days;
    uint40 internal constant GRACE = 7 days;
    uint16 internal constant DEFAULT_LTV = 5000;
    uint96 internal constant PRICE = 2_500_000; // 2.50 USDC per GPU-hour
    uint16 internal constant SLA = 9900;
    bytes32 internal constant POOL = keccak256("pool:frankfurt-1");
    bytes32 internal constant POOL_2 = keccak256("pool:frankfurt-2");
    uint64 internal constant ORACLE_MAX_AGE = 1 days;
    uint48 internal constant ADMIN_DELAY = 2 days;
    uint32 internal constant INDEX_WINDOW = 7 days;

    ComputeCapacityToken internal token;
    UtilizationOracle internal oracle;
    ComputeEscrow internal escrow;
    ComputeMarket internal market;
    ComputeLending internal lending;
    MockUSDC internal usdc;

    address internal admin = makeAddr("admin");
    address internal registrar = makeAddr("registrar");
    address internal compliance = makeAddr("compliance");
    address internal pauser = makeAddr("pauser");
    address internal recovery = makeAddr("recovery");
    address internal risk = makeAddr("risk");
    address internal provider = makeAddr("provider");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal lender = makeAddr("lender");
    address internal outsider = makeAddr("outsider");

    address[] internal reporterAddrs;
    uint256[] internal reporterKeys;

    function setUp() public virtual {
        vm.warp(START);
        for (uint256 i; i < 5; ++i) {
            (address addr, uint256 key) = makeAddrAndKey(string.concat("reporter", vm.toString(i)));
            reporterAddrs.push(addr);
            reporterKeys.push(key);
        }
        _sortReporters();

        usdc = new MockUSDC(admin);
        token = new ComputeCapacityToken(admin, ADMIN_DELAY, "https://meta.rwacompute.example/lots/{id}.json");
        oracle = new UtilizationOracle(admin, ADMIN_DELAY, _firstReporters(3), 2, ORACLE_MAX_AGE);
        escrow = new ComputeEscrow(admin, ADMIN_DELAY, token, IERC20(address(usdc)), oracle, GRACE);
        market = new ComputeMarket(admin, ADMIN_DELAY, escrow, INDEX_WINDOW);
        lending = new ComputeLending(admin, ADMIN_DELAY, escrow, DEFAULT_LTV);

        vm.startPrank(admin);
        token.grantRole(token.REGISTRAR_ROLE(), registrar);
        token.grantRole(token.COMPLIANCE_ROLE(), compliance);
        token.grantRole(token.PAUSER_ROLE(), pauser);
        token.grantRole(token.RECOVERY_ROLE(), recovery);
        token.grantRole(token.ESCROW_ROLE(), address(escrow));
        token.setBondVault(address(escrow));
        token.grantRole(token.COLLATERAL_ROLE(), address(lending));
        escrow.grantRole(escrow.MARKET_ROLE(), address(market));
        escrow.grantRole(escrow.LENDING_ROLE(), address(lending));
        market.grantRole(market.RISK_ROLE(), risk);
        lending.grantRole(lending.RISK_ROLE(), risk);
        vm.stopPrank();

        vm.startPrank(registrar);
        token.registerProvider(provider);
        token.registerPool(POOL, provider);
        token.registerPool(POOL_2, provider);
        vm.stopPrank();

        vm.startPrank(compliance);
        token.setAllowed(provider, true);
        token.setAllowed(alice, true);
        token.setAllowed(bob, true);
        token.setAllowed(lender, true);
        vm.stopPrank();

        for (uint256 i; i < 4; ++i) {
            address who = [provider, alice, bob, lender][i];
            vm.prank(admin);
            usdc.mint(who, 1_000_000e6);
            vm.startPrank(who);
            usdc.approve(address(escrow), type(uint256).max);
            usdc.approve(address(market), type(uint256).max);
            usdc.approve(address(lending), type(uint256).max);
            token.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
    }

    /// @dev A valid lot spec for `POOL`, window [now + 1 day, now + 1 day + WINDOW).
    function _spec() internal view returns (IComputeCapacityToken.LotSpec memory) {
        return IComputeCapacityToken.LotSpec({
            provider: provider,
            poolId: POOL,
            gpuModel: bytes16("H100-SXM5-80GB"),
            region: bytes16("eu-central"),
            startsAt: uint40(block.timestamp + 1 days),
            endsAt: uint40(block.timestamp + 1 days + WINDOW),
            referencePrice: PRICE,
            slaUptimeBps: SLA,
            bondCoverageBps: 10_000,
            energyWhPerGpuHour: 700,
            metadataHash: keccak256("lot metadata v1"),
            currency: address(usdc)
        });
    }

    /// @dev Issues a fresh lot of `units` to the provider.
    function _issueLot(uint256 units) internal returns (uint256 lotId) {
        vm.prank(provider);
        lotId = token.issueLot(_spec(), provider, units);
    }

    /// @dev Issues a lot to the provider (issuing pulls its full bond) and moves `units` to `holder`.
    function _lotHeldBy(address holder, uint256 units) internal returns (uint256 lotId) {
        lotId = _issueLot(units);
        vm.startPrank(provider);
        if (holder != provider) token.safeTransferFrom(provider, holder, lotId, units, "");
        vm.stopPrank();
    }

    /// @dev Signs `report` with reporter `index` (EIP-712, `hashReport`).
    function _sign(uint256 index, IUtilizationOracle.Report memory report) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(reporterKeys[index], oracle.hashReport(report));
        return abi.encodePacked(r, s, v);
    }

    /// @dev The aggregate report the first `observers` reporters agreed on, under the current configuration.
    function _reportOf(bytes32 pool, uint64 epoch, uint16 uptimeBps, uint64 delivered, uint256 observers)
        internal
        view
        returns (IUtilizationOracle.Report memory)
    {
        return IUtilizationOracle.Report({
            poolId: pool,
            epoch: epoch,
            utilizationBps: 8000,
            uptimeBps: uptimeBps,
            deliveredGpuHours: delivered,
            energyKwh: 1234,
            curtailedGpuHours: 0,
            observedAt: uint64(block.timestamp),
            // forge-lint: disable-next-line(unsafe-typecast) -- at most 32 reporters
            observers: uint32((uint256(1) << observers) - 1),
            configVersion: oracle.configVersion()
        });
    }

    /// @dev Submits a report (cumulative `delivered`) signed by the first `signers` reporters, who all observed it.
    function _report(bytes32 pool, uint64 epoch, uint16 uptimeBps, uint64 delivered, uint256 signers) internal {
        IUtilizationOracle.Report memory report = _reportOf(pool, epoch, uptimeBps, delivered, signers);
        bytes[] memory sigs = new bytes[](signers);
        for (uint256 i; i < signers; ++i) {
            sigs[i] = _sign(i, report);
        }
        oracle.submitReport(report, sigs);
    }

    function _firstReporters(uint256 n) internal view returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = reporterAddrs[i];
        }
    }

    function _sortReporters() private {
        uint256 n = reporterAddrs.length;
        for (uint256 i; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                if (reporterAddrs[j] < reporterAddrs[i]) {
                    (reporterAddrs[i], reporterAddrs[j]) = (reporterAddrs[j], reporterAddrs[i]);
                    (reporterKeys[i], reporterKeys[j]) = (reporterKeys[j], reporterKeys[i]);
                }
            }
        }
    }
}
