# Phase3 build rules, included by each generated Makefile, which sets:
#
#   P3_SYSTEM            system name: names the images
#   P3_FIRMWARE          path of this folder
#   P3_MODE              hypervisor or microkernel
#   P3_MARCH, P3_MABI    the board's ISA and ABI
#   P3_PLATFORM_SOURCES  the drivers the board needs, relative to this folder
#   P3_APP_PARTITIONS    partitions built from app sources
#   P3_APP_SOURCES_<p>   each app's sources, relative to the build folder
#   P3_GUEST_PARTITIONS  partitions that run an unmodified guest image
#                        (copied to images/<p>.bin by the generator)
#
# Outputs, in the build folder:
#   $(P3_SYSTEM).elf     for QEMU -bios and for gdb
#   $(P3_SYSTEM).bin     raw image, loaded at the first address
#   $(P3_SYSTEM).hex     Intel HEX
#   $(P3_SYSTEM).mem     one 32-bit word per line, for $readmemh / block RAM
# and out/ for everything in between. `make trace` builds $(P3_SYSTEM)-trace.elf,
# the same firmware with trace records on the console (core/trace.h), for
# `phase3 run --trace`; the images above do not change.

CROSS_COMPILE ?= $(shell command -v riscv-none-elf-gcc >/dev/null 2>&1 && echo riscv-none-elf- || echo riscv64-unknown-elf-)
CC      := $(CROSS_COMPILE)gcc
AR      := $(CROSS_COMPILE)ar
OBJCOPY := $(CROSS_COMPILE)objcopy
OD      ?= od
DTC     ?= dtc

OUT := out
FW  := $(P3_FIRMWARE)

# Reproducible: no absolute paths in debug info, no timestamps, sorted inputs.
OPT ?= -O2
COMMON_FLAGS := -march=$(P3_MARCH) -mabi=$(P3_MABI) -mcmodel=medany \
    -ffreestanding -fno-common -ffunction-sections -fdata-sections \
    -g $(OPT) -Wall -Wextra -MMD -MP \
    -fdebug-prefix-map=$(CURDIR)=. -ffile-prefix-map=$(CURDIR)=.

# The hypervisor never uses gp: it holds the guest's value on the fast path.
# -Wno-type-limits: loops over generated counts that may be 0 are fine.
HV_FLAGS := $(COMMON_FLAGS) -Werror -Wno-type-limits -mno-relax \
    -Iinclude -I$(FW) -I$(FW)/core -I$(FW)/arch/riscv -I$(FW)/arch/riscv/include
APP_FLAGS := $(COMMON_FLAGS) -Iinclude -I$(FW) -I$(FW)/app/include -I$(FW)/arch/riscv/include
# Links name the ISA as the toolchain's multilibs do (rv64imac, not
# rv64imac_zicsr_zifencei): otherwise gcc picks its default libgcc, built for
# another ABI.
LINK_ARCH := -march=$(firstword $(subst _, ,$(P3_MARCH))) -mabi=$(P3_MABI)
LD_FLAGS := $(LINK_ARCH) -nostdlib -static -Wl,--build-id=none -Wl,--gc-sections -Wl,--no-warn-rwx-segments

CORE_SOURCES := core/boot.c core/channel.c core/console.c core/hypercall.c core/irq.c \
    core/partition.c core/sched.c core/vuart.c core/wait.c libc/format.c libc/string.c
# The architecture part: the trap path and context switch are shared; the rest
# is per mode. Hypervisor: an M stage hands over to HS-mode, partitions run in
# VS-mode behind G-stage tables, unmodified guests get SBI. Microkernel: the
# kernel stays in M-mode, partitions run in U-mode behind PMP.
HYP_SOURCES := hyp/m_entry.S hyp/hs_entry.S hyp/hart.c hyp/vcpu.c hyp/guest_mem.c hyp/mmio.c \
    $(addprefix hyp/sbi/,sbi.c base.c time.c ipi.c rfence.c hsm.c srst.c dbcn.c legacy.c)
MK_SOURCES := mk/entry.S mk/hart.c mk/vcpu.c mk/pmp.c
ARCH_SOURCES := $(addprefix arch/riscv/,trap.S trap.c regs.c \
    $(if $(filter microkernel,$(P3_MODE)),$(MK_SOURCES),$(HYP_SOURCES)))
HV_SOURCES := $(CORE_SOURCES) $(ARCH_SOURCES) $(P3_PLATFORM_SOURCES)
HV_OBJECTS := $(patsubst %,$(OUT)/hv/%.o,$(HV_SOURCES))
# Generated tables; hypervisor mode adds the G-stage tables and each
# partition's device tree.
ifeq ($(P3_MODE),microkernel)
GEN_SOURCES := src/partitions.c src/channels.c src/hypercalls.c
DEVICE_TREES :=
else
GEN_SOURCES := src/partitions.c src/channels.c src/gstage.c src/hypercalls.c
DEVICE_TREES := $(foreach p,$(P3_APP_PARTITIONS) $(P3_GUEST_PARTITIONS),$(OUT)/dt/$(p).dtb)
endif
GEN_OBJECTS := $(patsubst %,$(OUT)/gen/%.o,$(GEN_SOURCES)) $(OUT)/gen/src/images.S.o

LIB_SOURCES := app/crt0.S app/start.c app/console.c app/shm.c libc/format.c libc/string.c
LIB_OBJECTS := $(patsubst %,$(OUT)/lib/%.o,$(LIB_SOURCES))
LIBP3 := $(OUT)/lib/libp3.a

IMAGES := $(P3_SYSTEM).elf $(P3_SYSTEM).bin $(P3_SYSTEM).hex $(P3_SYSTEM).mem

.PHONY: all clean
all: $(IMAGES)

# --- hypervisor -------------------------------------------------------------

$(OUT)/hv/%.o: $(FW)/%
	@mkdir -p $(@D)
	$(CC) $(HV_FLAGS) -c $< -o $@

$(OUT)/gen/%.o: %
	@mkdir -p $(@D)
	$(CC) $(HV_FLAGS) -c $< -o $@

# --- app library and apps -----------------------------------------------------

$(OUT)/lib/%.o: $(FW)/%
	@mkdir -p $(@D)
	$(CC) $(APP_FLAGS) -DP3_LIBRARY_BUILD -c $< -o $@

$(LIBP3): $(LIB_OBJECTS)
	rm -f $@
	$(AR) rcsD $@ $^

# An app source's object: ../ping.c -> out/app/<p>/__/ping.o
app_object = $(OUT)/app/$(1)/$(subst ../,__/,$(basename $(2))).o

define app_rules
$(call app_object,$(1),$(2)): $(2)
	@mkdir -p $$(@D)
	$$(CC) $$(APP_FLAGS) -Ipartitions/$(1) -c $$< -o $$@
endef

# Each app also links its generated p3_partition.c (its shared-region table).
app_objects = $(foreach s,$(P3_APP_SOURCES_$(1)),$(call app_object,$(1),$(s))) $(OUT)/app/$(1)/p3_partition.o

define partition_rules
$(foreach s,$(P3_APP_SOURCES_$(1)),$(eval $(call app_rules,$(1),$(s))))
$(OUT)/app/$(1)/p3_partition.o: partitions/$(1)/p3_partition.c
	@mkdir -p $$(@D)
	$$(CC) $$(APP_FLAGS) -Ipartitions/$(1) -c $$< -o $$@
$(OUT)/app/$(1)/$(1).elf: $(call app_objects,$(1)) $(LIBP3) partitions/$(1)/app.ld
	$$(CC) $$(APP_FLAGS) $$(LD_FLAGS) -Tpartitions/$(1)/app.ld $(call app_objects,$(1)) $(LIBP3) -lgcc -o $$@
$(OUT)/app/$(1)/$(1).bin: $(OUT)/app/$(1)/$(1).elf
	$$(OBJCOPY) -O binary $$< $$@
endef

$(foreach p,$(P3_APP_PARTITIONS),$(eval $(call partition_rules,$(p))))

# Every partition's device tree, compiled from the generated source.
$(OUT)/dt/%.dtb: partitions/%/device-tree.dts
	@mkdir -p $(@D)
	$(DTC) -q -I dts -O dtb -o $@ $<

$(OUT)/gen/src/images.S.o: $(foreach p,$(P3_APP_PARTITIONS),$(OUT)/app/$(p)/$(p).bin) \
    $(foreach p,$(P3_GUEST_PARTITIONS),images/$(p).bin) $(DEVICE_TREES)

# --- the firmware image -------------------------------------------------------

# The map file says which object each byte came from: the footprint report reads it.
$(P3_SYSTEM).elf: $(HV_OBJECTS) $(GEN_OBJECTS) firmware.ld
	$(CC) $(HV_FLAGS) $(LD_FLAGS) -Tfirmware.ld -Wl,-Map=$(OUT)/$(P3_SYSTEM).map $(HV_OBJECTS) $(GEN_OBJECTS) -lgcc -o $@

$(P3_SYSTEM).bin: $(P3_SYSTEM).elf
	$(OBJCOPY) -O binary $< $@

$(P3_SYSTEM).hex: $(P3_SYSTEM).elf
	$(OBJCOPY) -O ihex $< $@

# Little-endian 32-bit words, one per line, zero-padded to a whole word.
$(P3_SYSTEM).mem: $(P3_SYSTEM).bin
	cp $< $@.tmp && truncate -s %4 $@.tmp
	$(OD) -An -v -tx4 -w4 --endian=little $@.tmp | sed 's/^ *//' > $@
	rm -f $@.tmp

# --- the trace firmware: make trace -------------------------------------------

# The hypervisor and the generated tables again, with P3_TRACE and core/trace.c,
# in their own folder; the apps and their images are the same.
TRACE_FLAGS := $(HV_FLAGS) -DP3_TRACE=1
TRACE_OBJECTS := $(patsubst %,$(OUT)/trace/hv/%.o,$(HV_SOURCES) core/trace.c) \
    $(patsubst %,$(OUT)/trace/gen/%.o,$(GEN_SOURCES)) $(OUT)/gen/src/images.S.o

.PHONY: trace
trace: $(P3_SYSTEM)-trace.elf

$(OUT)/trace/hv/%.o: $(FW)/%
	@mkdir -p $(@D)
	$(CC) $(TRACE_FLAGS) -c $< -o $@

$(OUT)/trace/gen/%.o: %
	@mkdir -p $(@D)
	$(CC) $(TRACE_FLAGS) -c $< -o $@

$(P3_SYSTEM)-trace.elf: $(TRACE_OBJECTS) firmware.ld
	$(CC) $(TRACE_FLAGS) $(LD_FLAGS) -Tfirmware.ld -Wl,-Map=$(OUT)/$(P3_SYSTEM)-trace.map $(TRACE_OBJECTS) -lgcc -o $@

clean:
	rm -rf $(OUT) $(IMAGES) $(P3_SYSTEM)-trace.elf

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
