// Formal properties of the DRTP learning unit of hdl/src/learning_unit.rs: the update lanes
// (`UpdateLane`, modules `spoon$fc$updates$0` … `$7` of the emitted Verilog, one per FC lane; the
// lanes differ only in their place in the weight word) and the output rule's shifter shared by
// them (`OutputRound`, module `spoon$fc$output_round`). Proved by hdl/tests/formal.rs with
// SymbiYosys (learning_unit.sby) for the default config (8-bit weights) and a config with 5-bit
// weights.
//
// `learning_unit_props` is bound into every lane (one directive per lane: a pattern would also
// match the lanes' register modules), `output_round_props` into the shifter;
// `learning_unit_formal` drives the 8 lanes, `output_round_formal` the shifter, with free inputs
// (tasks `lanes` and `shifter` of learning_unit.sby). Assumed, as the FC engine (hdl/src/fc.rs)
// guarantees: the old weight lies in the range of `fc.weight_bits` (the host writes weights in
// range, and this proof shows every write-back stays there: by induction over the updates, every
// stored weight does); `d ∈ {−1, 0, +1}`; `|q| < 2^7` (a spike count, or an activation of a
// later hidden layer) and `rounded_negated = −q`; the lane's
// registered output update lies in [−256, 255] (what `output_round_props` proves of the shifter
// that feeds it); the product `|p| ≤ 2^14`; the shift `s ≤ 16` and `r < 2^s`, and `s` does not
// change from one cycle to the next (a register written only between samples).
//
// bind spoon$fc$updates$0 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$1 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$2 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$3 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$4 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$5 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$6 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$updates$7 learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta),
//     .load_delta(load_delta), .delta_q(delta_q$q), .new_weight(new_weight), .placed(placed));
// bind spoon$fc$output_round output_round_props props (
//     .clock(clock), .product(product), .round(round), .shift(shift), .sum_q(sum_q$q),
//     .delta(delta));

module learning_unit_props #(parameter [9:0] LO = 0, parameter [9:0] HI = 0,
                             parameter [7:0] OFFSET = 0) (
    input clock, input [7:0] weight, input output_layer, input [1:0] modulation,
    input [9:0] rounded_wide, input [9:0] rounded_negated, input [9:0] output_delta,
    input load_delta, input [9:0] delta_q, input [7:0] new_weight, input [63:0] placed
);
    wire signed [31:0] lo = $signed(LO), hi = $signed(HI);
    wire signed [31:0] w = $signed(weight);
    wire signed [31:0] q = $signed(rounded_wide);
    wire signed [31:0] registered = $signed(delta_q);
    // The exact update (golden learning_unit.rs): hidden `−d·q`, output the registered update.
    wire signed [31:0] delta = output_layer ? registered
                                : (modulation == 2'b01 ? -q : (modulation == 2'b11 ? q : 0));
    wire signed [31:0] sum = w + delta;
    wire signed [31:0] expected = sum < lo ? lo : (sum > hi ? hi : sum);
    wire signed [31:0] got = $signed(new_weight);
    always @(*) begin
        assume (w >= lo && w <= hi);
        assume (modulation != 2'b10);
        assume (q > -128 && q < 128 && $signed(rounded_negated) == -q);
        assume (registered >= -256 && registered <= 255);
        // weight_in_range: the written-back weight lies in the range of `fc.weight_bits`.
        weight_in_range: assert (got >= lo && got <= hi);
        // update_exact: it is the saturated exact update, as golden computes it.
        update_exact: assert (got == expected);
        // update_placed: the lane's weight at its place in the word, zeros elsewhere.
        update_placed: assert (placed == ({56'b0, new_weight} << OFFSET));
    end
    // delta_loaded: the lane's update register takes the shifter's update at an edge with
    // `load_delta`, and keeps its value at every other edge.
    reg past_valid = 0;
    reg [9:0] past_output_delta, past_delta_q;
    reg past_load;
    always @(posedge clock) begin
        past_valid <= 1;
        past_load <= load_delta;
        past_output_delta <= output_delta;
        past_delta_q <= delta_q;
    end
    always @(*) if (past_valid) delta_loaded: assert (delta_q == (past_load ? past_output_delta
                                                                               : past_delta_q));
endmodule

module output_round_props (
    input clock, input [15:0] product, input [15:0] round, input [4:0] shift,
    input [17:0] sum_q, input [9:0] delta
);
    wire signed [31:0] p = $signed(product);
    reg past_valid = 0;
    reg signed [31:0] past_sum;
    reg [4:0] past_shift;
    always @(posedge clock) begin
        past_valid <= 1;
        past_sum <= p + $signed({16'b0, round});
        past_shift <= shift;
    end
    // The exact update of the product and `r` of the edge before: ⌊(p + r) / 2^s⌋, clamped.
    wire signed [31:0] shifted = past_sum >>> shift;
    wire signed [31:0] expected = shifted < -256 ? -256 : (shifted > 255 ? 255 : shifted);
    always @(*) begin
        assume (p >= -16384 && p <= 16384);
        assume (shift <= 5'd16 && {16'b0, round} < (32'd1 << shift));
        if (past_valid) begin
            assume (shift == past_shift);
            // round_sum: the registered sum is `p + r` of the edge before, in 18 bits.
            round_sum: assert ($signed(sum_q) == past_sum);
            // output_exact: the update is the exact rounded shift, clamped to [−256, 255].
            output_exact: assert ($signed(delta) == expected);
        end
    end
endmodule

module output_round_formal (
    input clock, input [15:0] product, input [15:0] round, input [4:0] shift
);
    wire [9:0] delta;
    spoon$fc$output_round shifter (.clock(clock), .product(product), .round(round), .shift(shift), .delta(delta));
endmodule

module learning_unit_formal (
    input clock, input [7:0] weight, input output_layer, input [1:0] modulation,
    input [9:0] rounded_wide, input [9:0] rounded_negated, input [9:0] output_delta,
    input [7:0] load_delta
);
    wire [63:0] placed0, placed1, placed2, placed3, placed4, placed5, placed6, placed7;
    spoon$fc$updates$0 lane0 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[0]), .placed(placed0));
    spoon$fc$updates$1 lane1 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[1]), .placed(placed1));
    spoon$fc$updates$2 lane2 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[2]), .placed(placed2));
    spoon$fc$updates$3 lane3 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[3]), .placed(placed3));
    spoon$fc$updates$4 lane4 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[4]), .placed(placed4));
    spoon$fc$updates$5 lane5 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[5]), .placed(placed5));
    spoon$fc$updates$6 lane6 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[6]), .placed(placed6));
    spoon$fc$updates$7 lane7 (.clock(clock), .weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded_wide(rounded_wide), .rounded_negated(rounded_negated), .output_delta(output_delta), .load_delta(load_delta[7]), .placed(placed7));
endmodule
