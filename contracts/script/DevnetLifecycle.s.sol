// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {ComputeEscrow} from "../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../src/interfaces/IComputeCapacityToken.sol";
import {IUtilizationOracle} from "../src/interfaces/IUtilizationOracle.sol";
import {ComputeLending} from "../src/lending/ComputeLending.sol";
import {UtilizationOracle} from "../src/oracle/UtilizationOracle.sol";
import {ComputeCapacityToken} from "../src/token/ComputeCapacityToken.sol";
import {MockUSDC} from "../test/mocks/MockUSDC.sol";
import {DeploySuite} from "./DeploySuite.s.sol";

/// @title DevnetLifecycle
/// @notice The devnet main job before the `rwa` CLI exists: deploys the suite and a test stablecoin on a local anvil
/// and runs the whole lifecycle (issue, purchase on the market, pledge and repay through the lending module, redeem
/// with delivery, redeem with SLA refund).
/// @dev Two phases, because an oracle observation must be timestamped after the redemption it settles:
/// `setUpAndTrade()` then (after the driver advances anvil's clock) `attestAndSettle()`. The driver is
/// tools/devnet/run.sh. Keys come from DEVNET_MNEMONIC (anvil's public test mnemonic, devnet only).
contract DevnetLifecycle is DeploySuite {
    string internal constant MANIFEST = "deployments/devnet-31337.json";
    bytes32 internal constant POOL = "pool:frankfurt-1";
    uint96 internal constant PRICE = 2_500_000; // 2.50 USDC per GPU-hour

    struct Actors {
        uint256 admin;
        uint256 provider;
        uint256 alice;
        uint256 bob;
        uint256 lender;
        uint256[3] reporters;
    }

    function _actors() internal view returns (Actors memory a) {
        string memory mnemonic = vm.envString("DEVNET_MNEMONIC");
        a.admin = vm.deriveKey(mnemonic, 0);
        a.provider = vm.deriveKey(mnemonic, 1);
        a.alice = vm.deriveKey(mnemonic, 2);
        a.bob = vm.deriveKey(mnemonic, 3);
        a.lender = vm.deriveKey(mnemonic, 4);
        for (uint32 i; i < 3; ++i) {
            a.reporters[i] = vm.deriveKey(mnemonic, 5 + i);
        }
    }

    // Phase-1 state kept in storage (script memory only) to stay within the EVM stack.
    Deployment internal d;
    MockUSDC internal usdc;
    uint256 internal lotId;
    uint256 internal offerId;
    uint256 internal pledgeId;

    /// @notice Phase 1: deploy, register, issue, bond, sell, pledge and repay, open two redemptions.
    function setUpAndTrade() external {
        Actors memory a = _actors();
        _deployAndRegister(a);
        _issueAndList(a);

        vm.startBroadcast(a.alice);
        usdc.approve(address(d.market), type(uint256).max); // the market pulls a sale's payment
        usdc.approve(address(d.lending), type(uint256).max); // the lending module pulls repayments into the escrow
        d.market.purchase(offerId, 400, 3_000_000);
        pledgeId = d.lending.requestPledge(lotId, 100, vm.addr(a.lender), 120e6, 2e6, uint40(block.timestamp + 10 days));
        vm.stopBroadcast();

        vm.startBroadcast(a.lender);
        usdc.approve(address(d.lending), type(uint256).max); // the lending module pulls the principal into the escrow
        d.lending.fundPledge(pledgeId);
        vm.stopBroadcast();

        vm.startBroadcast(a.alice);
        d.escrow.withdraw(address(usdc), vm.addr(a.alice)); // the principal, credited to alice in the escrow
        d.lending.repay(pledgeId);
        uint256 refundedRedemption = d.escrow.redeem(lotId, 30);
        vm.stopBroadcast();

        vm.startBroadcast(a.bob);
        usdc.approve(address(d.market), type(uint256).max);
        d.market.purchase(offerId, 200, 3_000_000);
        uint256 deliveredRedemption = d.escrow.redeem(lotId, 50);
        vm.stopBroadcast();

        string memory json = "manifest";
        vm.serializeAddress(json, "stablecoin", address(usdc));
        vm.serializeAddress(json, "token", address(d.token));
        vm.serializeAddress(json, "oracle", address(d.oracle));
        vm.serializeAddress(json, "escrow", address(d.escrow));
        vm.serializeAddress(json, "market", address(d.market));
        vm.serializeAddress(json, "lending", address(d.lending));
        vm.serializeUint(json, "lotId", lotId);
        vm.serializeUint(json, "offerId", offerId);
        vm.serializeUint(json, "pledgeId", pledgeId);
        vm.serializeUint(json, "deliveredRedemption", deliveredRedemption);
        string memory out = vm.serializeUint(json, "refundedRedemption", refundedRedemption);
        vm.writeJson(out, MANIFEST);
        console.log("phase 1: deployed, issued lot %s, sold 600 units, pledged and repaid, opened 2 redemptions", lotId);
    }

    function _deployAndRegister(Actors memory a) internal {
        address admin = vm.addr(a.admin);
        vm.startBroadcast(a.admin);
        usdc = new MockUSDC(admin);
        address[] memory reporters = new address[](3);
        for (uint256 i; i < 3; ++i) {
            reporters[i] = vm.addr(a.reporters[i]);
        }
        d = deploy(
            Params({
                admin: admin,
                stablecoin: address(usdc),
                reporters: reporters,
                quorum: 2,
                oracleMaxAge: 1 days,
                deliveryGrace: 7 days,
                defaultLtvBps: 5000,
                baseUri: "https://metadata.rwacompute.local/lots/{id}.json",
                adminDelay: 0,
                indexWindow: 7 days
            })
        );
        d.token.grantRole(d.token.REGISTRAR_ROLE(), admin);
        d.token.grantRole(d.token.COMPLIANCE_ROLE(), admin);
        d.token.registerProvider(vm.addr(a.provider));
        d.token.registerPool(POOL, vm.addr(a.provider));
        address[] memory holders = new address[](4);
        (holders[0], holders[1], holders[2], holders[3]) =
        (vm.addr(a.provider), vm.addr(a.alice), vm.addr(a.bob), vm.addr(a.lender));
        d.token.setAllowedBatch(holders, true);
        for (uint256 i; i < 4; ++i) {
            usdc.mint(holders[i], 100_000e6);
        }
        vm.stopBroadcast();
    }

    function _issueAndList(Actors memory a) internal {
        IComputeCapacityToken.LotSpec memory spec = IComputeCapacityToken.LotSpec({
            provider: vm.addr(a.provider),
            poolId: POOL,
            gpuModel: "H100-SXM5-80GB",
            region: "eu-central",
            startsAt: uint40(block.timestamp),
            endsAt: uint40(block.timestamp + 30 days),
            referencePrice: PRICE,
            slaUptimeBps: 9900,
            bondCoverageBps: 10_000,
            energyWhPerGpuHour: 700,
            metadataHash: keccak256("devnet lot metadata"),
            currency: address(usdc)
        });
        vm.startBroadcast(a.provider);
        // Issuing pulls the lot's bond (1000 units × PRICE at 100 % coverage) from the provider.
        usdc.approve(address(d.escrow), type(uint256).max);
        lotId = d.token.issueLot(spec, vm.addr(a.provider), 1000);
        d.token.setApprovalForAll(address(d.market), true); // the market moves sold units
        offerId = d.market.createOffer(lotId, 600, 3_000_000, uint40(block.timestamp + 7 days));
        vm.stopBroadcast();
    }

    /// @notice Phase 2: a quorum oracle report (uptime below SLA), one redemption confirmed by its holder, one
    /// refunded for the SLA breach, everyone withdraws; then prints the state of the suite.
    function attestAndSettle() external {
        Actors memory a = _actors();
        string memory manifest = vm.readFile(MANIFEST);
        MockUSDC stable = MockUSDC(vm.parseJsonAddress(manifest, ".stablecoin"));
        ComputeCapacityToken token = ComputeCapacityToken(vm.parseJsonAddress(manifest, ".token"));
        UtilizationOracle oracle = UtilizationOracle(vm.parseJsonAddress(manifest, ".oracle"));
        ComputeEscrow escrow = ComputeEscrow(vm.parseJsonAddress(manifest, ".escrow"));
        ComputeLending lending = ComputeLending(vm.parseJsonAddress(manifest, ".lending"));
        uint256 lot = vm.parseJsonUint(manifest, ".lotId");
        uint256 delivered = vm.parseJsonUint(manifest, ".deliveredRedemption");
        uint256 refunded = vm.parseJsonUint(manifest, ".refundedRedemption");

        (IUtilizationOracle.Report memory report, bytes[] memory sigs) = _signedReport(a, oracle);
        vm.startBroadcast(a.admin);
        oracle.submitReport(report, sigs);
        vm.stopBroadcast();

        vm.startBroadcast(a.bob);
        escrow.confirmDelivery(delivered);
        escrow.claimRefund(refunded);
        vm.stopBroadcast();

        _withdrawAll(a, escrow, escrow.currencyOf(lot));

        _printSummary(a, stable, token, oracle, escrow, lot, delivered, refunded);
        _printLending(stable, lending);
        console.log("manifest: %s", MANIFEST);
    }

    /// @dev alice, the provider and the lender withdraw their credits in the lot's settlement currency.
    function _withdrawAll(Actors memory a, ComputeEscrow escrow, address currency) internal {
        vm.startBroadcast(a.alice);
        escrow.withdraw(currency, vm.addr(a.alice));
        vm.stopBroadcast();
        vm.startBroadcast(a.provider);
        escrow.withdraw(currency, vm.addr(a.provider));
        vm.stopBroadcast();
        vm.startBroadcast(a.lender);
        escrow.withdraw(currency, vm.addr(a.lender));
        vm.stopBroadcast();
    }

    /// @dev Three reporters observe the pool slightly differently (utilization 81-83 %, uptime 97.0-97.2 %, 80-82
    /// GPU-hours and 56-58 kWh since the pool's first report), agree off-chain on the lower median of each field, and
    /// all sign that one aggregate (quorum 2 of 3); uptime is below the lot's 99 % SLA.
    function _signedReport(Actors memory a, UtilizationOracle oracle)
        internal
        view
        returns (IUtilizationOracle.Report memory report, bytes[] memory sigs)
    {
        report = IUtilizationOracle.Report({
            poolId: POOL,
            epoch: 1,
            utilizationBps: 8200,
            uptimeBps: 9710,
            deliveredGpuHours: 81,
            energyKwh: 57,
            curtailedGpuHours: 0,
            observedAt: uint64(block.timestamp),
            observers: 0x07, // all three reporters' observations went into the medians
            configVersion: oracle.configVersion()
        });
        bytes32 digest = oracle.hashReport(report);
        sigs = new bytes[](3);
        for (uint256 i; i < 3; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(a.reporters[i], digest);
            sigs[i] = abi.encodePacked(r, s, v);
        }
    }

    function _printSummary(
        Actors memory a,
        MockUSDC stable,
        ComputeCapacityToken token,
        UtilizationOracle oracle,
        ComputeEscrow escrow,
        uint256 lot,
        uint256 delivered,
        uint256 refunded
    ) internal view {
        IComputeCapacityToken.Lot memory l = token.lot(lot);
        console.log("== Lot ==");
        console.log("id                 %s", lot);
        console.log("issued / burned    %s / %s units (GPU-hours)", l.unitsIssued, l.unitsBurned);
        console.log("supply             %s", token.totalSupply(lot));
        console.log("== Holders (units | USDC) ==");
        string[4] memory names = ["provider", "alice   ", "bob     ", "lender  "];
        uint256[4] memory keys = [a.provider, a.alice, a.bob, a.lender];
        for (uint256 i; i < 4; ++i) {
            address who = vm.addr(keys[i]);
            console.log(
                string.concat(names[i], " ", vm.toString(who)), token.balanceOf(who, lot), stable.balanceOf(who) / 1e6
            );
        }
        console.log("== Escrow ==");
        (uint256 bondTotal, uint256 bondReserved) = escrow.bondOf(lot);
        console.log("bond total / reserved (USDC base units) %s / %s", bondTotal, bondReserved);
        console.log("redemption %s status (2 = Delivered)    %s", delivered, uint8(escrow.redemption(delivered).status));
        console.log("redemption %s status (3 = Refunded)     %s", refunded, uint8(escrow.redemption(refunded).status));
        console.log("escrow USDC balance                      %s", stable.balanceOf(address(escrow)));
        IUtilizationOracle.PoolReport memory r = oracle.latest(POOL);
        console.log("== Latest utilization (pool:frankfurt-1) ==");
        console.log("epoch %s utilization %s bps uptime %s bps", r.epoch, r.utilizationBps, r.uptimeBps);
        console.log(
            "delivered %s GPU-h, energy %s kWh (cumulative), signers %s",
            r.deliveredGpuHours,
            r.energyKwh,
            r.signerCount
        );
    }

    /// @dev The pledge of phase 1, repaid; the lending module itself never holds stablecoin.
    function _printLending(MockUSDC stable, ComputeLending lending) internal view {
        console.log("== Lending ==");
        console.log("pledge 1 status (3 = Repaid)             %s", uint8(lending.pledge(1).status));
        console.log("lending module USDC balance (always 0)   %s", stable.balanceOf(address(lending)));
    }
}
