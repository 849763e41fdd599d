// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {BondMath} from "../../../src/libraries/BondMath.sol";

/// @notice Independent reference implementations used by the signed-order tests: the EIP-712 digests of an `Ask` and a
/// `Bid`, hashed field by field from their type strings (not from the market's constants), and the bid criteria a lot
/// must meet, evaluated in the market's order.
library OrderTestLib {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string internal constant NAME = "RwaCompute ComputeMarket";
    string internal constant VERSION = "1";
    string internal constant ASK_TYPE =
        "Ask(address seller,uint256 lotId,uint64 units,uint96 pricePerUnit,address currency,uint40 expiry,uint256 salt,uint256 counter)";
    string internal constant BID_TYPE =
        "Bid(address buyer,bytes16 gpuModel,bytes16 region,uint40 deliveryFrom,uint40 deliveryUntil,uint16 minSlaBps,uint32 maxWhPerGpuHour,uint96 minUnitCover,address currency,uint96 pricePerUnit,uint64 units,uint40 expiry,uint256 salt,uint256 counter)";

    /// @dev The EIP-712 domain separator of a market deployed at `market` on the current chain.
    function domainSeparator(address market) internal view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(NAME)), keccak256(bytes(VERSION)), block.chainid, market)
        );
    }

    /// @dev The digest a seller signs for `ask` on the market at `market`, each field encoded on its own (EIP-712
    /// `encodeData`: integers and addresses left-padded to 32 bytes).
    function askDigest(address market, IComputeMarket.Ask memory ask) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(bytes(ASK_TYPE)),
                uint256(uint160(ask.seller)),
                ask.lotId,
                uint256(ask.units),
                uint256(ask.pricePerUnit),
                uint256(uint160(ask.currency)),
                uint256(ask.expiry),
                ask.salt,
                ask.counter
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(market), structHash));
    }

    /// @dev The digest a buyer signs for `bid` on the market at `market` (`bytes16` fields right-padded to 32 bytes).
    function bidDigest(address market, IComputeMarket.Bid memory bid) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(
                    keccak256(bytes(BID_TYPE)),
                    uint256(uint160(bid.buyer)),
                    bytes32(bid.gpuModel),
                    bytes32(bid.region),
                    uint256(bid.deliveryFrom),
                    uint256(bid.deliveryUntil),
                    uint256(bid.minSlaBps)
                ),
                abi.encode(
                    uint256(bid.maxWhPerGpuHour),
                    uint256(bid.minUnitCover),
                    uint256(uint160(bid.currency)),
                    uint256(bid.pricePerUnit),
                    uint256(bid.units),
                    uint256(bid.expiry),
                    bid.salt,
                    bid.counter
                )
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(market), structHash));
    }

    /// @dev Whether `lot`, settling in `lotCurrency` (the escrow's `currencyOf`), meets every criterion of `bid` and, if
    /// not, the first it fails in the order the market checks them (zero criteria match anything; `deliveryFrom` and
    /// `minSlaBps` at zero are no bound anyway; the currency always binds).
    function firstFailedCriterion(
        IComputeMarket.Bid memory bid,
        IComputeCapacityToken.Lot memory lot,
        address lotCurrency
    ) internal pure returns (bool matches, IComputeMarket.BidCriterion criterion) {
        if (bid.gpuModel != bytes16(0) && bid.gpuModel != lot.gpuModel) {
            return (false, IComputeMarket.BidCriterion.GpuModel);
        }
        if (bid.region != bytes16(0) && bid.region != lot.region) return (false, IComputeMarket.BidCriterion.Region);
        if (lot.startsAt < bid.deliveryFrom) return (false, IComputeMarket.BidCriterion.DeliveryFrom);
        if (bid.deliveryUntil != 0 && lot.endsAt > bid.deliveryUntil) {
            return (false, IComputeMarket.BidCriterion.DeliveryUntil);
        }
        if (lot.slaUptimeBps < bid.minSlaBps) return (false, IComputeMarket.BidCriterion.Sla);
        if (bid.maxWhPerGpuHour != 0 && lot.energyWhPerGpuHour > bid.maxWhPerGpuHour) {
            return (false, IComputeMarket.BidCriterion.Energy);
        }
        if (BondMath.unitCover(lot.referencePrice, lot.bondCoverageBps) < bid.minUnitCover) {
            return (false, IComputeMarket.BidCriterion.Cover);
        }
        if (bid.currency != lotCurrency) return (false, IComputeMarket.BidCriterion.Currency);
        return (true, IComputeMarket.BidCriterion.GpuModel);
    }

    /// @dev A 65-byte signature `r ‖ s ‖ v`, as wallets produce it.
    function packSignature(uint8 v, bytes32 r, bytes32 s) internal pure returns (bytes memory) {
        return abi.encodePacked(r, s, v);
    }
}
