// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Script} from "forge-std/Script.sol";

import {ComputeEscrow} from "../src/escrow/ComputeEscrow.sol";
import {ComputeLending} from "../src/lending/ComputeLending.sol";
import {ComputeMarket} from "../src/market/ComputeMarket.sol";
import {UtilizationOracle} from "../src/oracle/UtilizationOracle.sol";
import {ComputeCapacityToken} from "../src/token/ComputeCapacityToken.sol";

/// @title DeploySuite
/// @notice Deploys the token, the oracle, the escrow, the market and the lending module and wires their roles. The `rwa` CLI is the
/// primary, resumable deployer; this script is the Foundry path for auditors and for the devnet bootstrap.
/// @dev Environment: DEPLOYER_PRIVATE_KEY (required), STABLECOIN (address), REPORTERS (comma-separated addresses),
/// QUORUM, ORACLE_MAX_AGE (seconds), DELIVERY_GRACE (seconds), DEFAULT_LTV_BPS, BASE_URI, ADMIN_DELAY (seconds),
/// INDEX_WINDOW (seconds, the market's price index window).
contract DeploySuite is Script {
    /// @notice What one deployment produced.
    struct Deployment {
        ComputeCapacityToken token;
        UtilizationOracle oracle;
        ComputeEscrow escrow;
        ComputeMarket market;
        ComputeLending lending;
    }

    /// @notice Parameters of one deployment.
    struct Params {
        address admin;
        address stablecoin;
        address[] reporters;
        uint8 quorum;
        uint64 oracleMaxAge;
        uint40 deliveryGrace;
        uint16 defaultLtvBps;
        string baseUri;
        uint48 adminDelay;
        uint32 indexWindow;
    }

    /// @notice Entry point: reads the environment, deploys, and logs the addresses.
    function run() external returns (Deployment memory deployment) {
        uint256 key = vm.envUint("DEPLOYER_PRIVATE_KEY");
        Params memory params = Params({
            admin: vm.addr(key),
            stablecoin: vm.envAddress("STABLECOIN"),
            reporters: vm.envAddress("REPORTERS", ","),
            quorum: uint8(vm.envOr("QUORUM", uint256(2))),
            oracleMaxAge: uint64(vm.envOr("ORACLE_MAX_AGE", uint256(1 days))),
            deliveryGrace: uint40(vm.envOr("DELIVERY_GRACE", uint256(7 days))),
            defaultLtvBps: uint16(vm.envOr("DEFAULT_LTV_BPS", uint256(5000))),
            baseUri: vm.envOr("BASE_URI", string("https://metadata.rwacompute.local/lots/{id}.json")),
            adminDelay: uint48(vm.envOr("ADMIN_DELAY", uint256(1 days))),
            indexWindow: uint32(vm.envOr("INDEX_WINDOW", uint256(7 days)))
        });
        vm.startBroadcast(key);
        deployment = deploy(params);
        vm.stopBroadcast();
    }

    /// @notice Deploys the five contracts with `params.admin` as admin, grants the escrow the token's ESCROW_ROLE
    /// (and makes it the bond vault), the market the escrow's MARKET_ROLE and the lending module the escrow's
    /// LENDING_ROLE and the token's COLLATERAL_ROLE.
    /// @dev Must run inside a broadcast by `params.admin`.
    function deploy(Params memory params) public returns (Deployment memory deployment) {
        deployment.token = new ComputeCapacityToken(params.admin, params.adminDelay, params.baseUri);
        deployment.oracle = new UtilizationOracle(
            params.admin, params.adminDelay, params.reporters, params.quorum, params.oracleMaxAge
        );
        deployment.escrow = new ComputeEscrow(
            params.admin,
            params.adminDelay,
            deployment.token,
            IERC20(params.stablecoin),
            deployment.oracle,
            params.deliveryGrace
        );
        deployment.market = new ComputeMarket(params.admin, params.adminDelay, deployment.escrow, params.indexWindow);
        deployment.token.grantRole(deployment.token.ESCROW_ROLE(), address(deployment.escrow));
        deployment.token.setBondVault(address(deployment.escrow));
        deployment.lending =
            new ComputeLending(params.admin, params.adminDelay, deployment.escrow, params.defaultLtvBps);
        deployment.escrow.grantRole(deployment.escrow.MARKET_ROLE(), address(deployment.market));
        deployment.escrow.grantRole(deployment.escrow.LENDING_ROLE(), address(deployment.lending));
        deployment.token.grantRole(deployment.token.COLLATERAL_ROLE(), address(deployment.lending));
    }
}
